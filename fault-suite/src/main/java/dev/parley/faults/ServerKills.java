package dev.parley.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Kills an embedded server with SIGKILL, found through the pid file it keeps in its folder under the
 * data folder (so it works on servers another process started, such as the build's shared test servers),
 * and waits for its supervisor to bring it back.
 */
final class ServerKills {

    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final Path dataDir;
    private final Map<Fault, Integer> ports;

    /** {@code ports}: the port of each server that answers once it is back. */
    ServerKills(Path dataDir, Map<Fault, Integer> ports) {
        this.dataDir = dataDir;
        this.ports = Map.copyOf(ports);
    }

    /** SIGKILL to the server and every process it started, as a crash of its machine would; returns its pid. */
    long kill(Fault server) throws Exception {
        ProcessHandle process = running(server)
                .orElseThrow(() -> new IllegalStateException(server.label() + " is not running (no live pid in " + pidFile(server) + ")"));
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        return process.pid();
    }

    /** True once a new process (not {@code killedPid}) runs the server and its port accepts connections. */
    boolean isBack(Fault server, long killedPid) {
        return running(server).filter(process -> process.pid() != killedPid).isPresent() && accepts(ports.get(server));
    }

    /** The server's live process, if its pid file names one whose command line mentions the data folder or its port. */
    Optional<ProcessHandle> running(Fault server) {
        // Redis rewrites its command line to "<binary> 127.0.0.1:<port>", without the data folder.
        return ServerPids.readPid(pidFile(server)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(process -> {
            String commandLine = ServerPids.commandLine(process);
            return commandLine.contains(dataDir.toString()) || commandLine.contains("127.0.0.1:" + ports.get(server));
        });
    }

    private Path pidFile(Fault server) {
        return ServerPids.pidFile(dataDir, server);
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
