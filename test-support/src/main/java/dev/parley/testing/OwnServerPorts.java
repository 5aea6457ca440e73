package dev.parley.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a test's own servers (the ones it kills and restarts): 13000 to 13999, below the shared test
 * servers' ports and the system's ephemeral range, so that clones testing side by side rarely meet there.
 */
public final class OwnServerPorts {

    private static final int FIRST = 13_000;
    private static final int COUNT = 1_000;

    private OwnServerPorts() {
    }

    /** A port of the range that nothing listens on now, picked at random. */
    public static int free() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = FIRST + ThreadLocalRandom.current().nextInt(COUNT);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port in " + FIRST + " to " + (FIRST + COUNT - 1) + " for a test's own server");
    }
}
