package dev.parley.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second push node as its own process: the module's runnable jar (built before this module's tests),
 * on the test run's servers, with a node id of its own, as a deployment runs several. Stopping it sends
 * SIGTERM, so it shuts down the way a node being replaced does.
 */
public final class PushNodeProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String nodeId;

    private PushNodeProcess(Process process, int port, String nodeId) {
        this.process = process;
        this.port = port;
        this.nodeId = nodeId;
    }

    /**
     * A port outside the kernel's ephemeral range (32768 and up here), free now: a port the kernel handed
     * out could be handed again, to this test's own server or a server's client socket, before the node binds it.
     */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(5_000);
            try (java.net.ServerSocket probe = new java.net.ServerSocket(candidate)) {
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port in 20000..24999");
    }

    /** A node on the test servers, with a heap of 512 MiB. */
    public static PushNodeProcess start(int port, String nodeId) throws Exception {
        return start(port, nodeId, "512m", List.of());
    }

    /** A node on the test servers, with this heap and these further {@code --name=value} settings. */
    public static PushNodeProcess start(int port, String nodeId, String heap, List<String> settings) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Daxoniq.update-checker.disabled=true"));
        // As system properties, below the command line's settings: a node's own settings win.
        RealServers.TEST_DEFAULTS.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", jar().toString(),
                "--server.port=" + port, "--parley.commands.node-id=" + nodeId,
                "--parley.auth.jwt-secret=" + RealServers.TEST_JWT_SECRET));
        RealServers.endpoints().springProperties().forEach((name, value) -> command.add("--" + name + "=" + value));
        command.addAll(settings);
        Path log = RealServers.projectRoot().resolve("target").resolve(nodeId + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PushNodeProcess node = new PushNodeProcess(process, port, nodeId);
        node.awaitHealthy(log);
        return node;
    }

    public int port() {
        return port;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The node's process id (for jcmd). */
    public long pid() {
        return process.pid();
    }

    /** SIGTERM, and wait for the node to drain and exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private void awaitHealthy(Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("push node " + nodeId + " exited; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException | RuntimeException notYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException("push node " + nodeId + " did not become healthy; see " + log.toAbsolutePath());
    }

    /** The push module's runnable jar, next to this module in the build. */
    private static Path jar() throws IOException {
        Path target = RealServers.projectRoot().resolve("websocket-push").resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build websocket-push first: no runnable jar in " + target));
        }
    }
}
