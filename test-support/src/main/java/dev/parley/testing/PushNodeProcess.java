package dev.parley.testing;

import java.io.IOException;
import java.util.List;

/**
 * A second push node as its own process ({@code websocket-push}'s runnable jar), on the test run's
 * servers, with a node id of its own, as a deployment runs several.
 */
public final class PushNodeProcess implements AutoCloseable {

    private final ServiceProcess process;

    private PushNodeProcess(ServiceProcess process) {
        this.process = process;
    }

    /** A free port for a node to listen on (see {@link ServiceProcess#freePort}). */
    public static int freePort() throws IOException {
        return ServiceProcess.freePort();
    }

    /** A node on the test servers, with a heap of 512 MiB. */
    public static PushNodeProcess start(int port, String nodeId) throws Exception {
        return start(port, nodeId, "512m", List.of());
    }

    /** A node on the test servers, with this heap and these further {@code --name=value} settings. */
    public static PushNodeProcess start(int port, String nodeId, String heap, List<String> settings) throws Exception {
        return new PushNodeProcess(ServiceProcess.start("websocket-push", port, nodeId, heap, settings));
    }

    public int port() {
        return process.port();
    }

    public String nodeId() {
        return process.nodeId();
    }

    /** The node's process id (for jcmd). */
    public long pid() {
        return process.pid();
    }

    /** SIGTERM, and wait for the node to drain and exit. */
    public void stop() throws InterruptedException {
        process.stop();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
