package dev.parley.testing;

import static org.awaitility.Awaitility.await;

import dev.parley.infra.InfraEndpoints;
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
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * One of Parley's services as its own process: its module's runnable jar (built before the tests that
 * use it), on the test run's servers, with a node id of its own, as a deployment runs several. Stopping
 * it sends SIGTERM, so it shuts down the way a node being replaced does; {@link #kill} is a crash.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * A service's JVM starts in 30 to 60 s on an idle 2-core machine, but a busy CI machine has been seen
     * to take over 120 s (5 s of CPU a minute); the wait ends as soon as health answers, so a long bound
     * costs nothing when things go well.
     */
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(300);

    private final Process process;
    private final int port;
    private final String nodeId;

    private ServiceProcess(Process process, int port, String nodeId) {
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

    /**
     * The service of {@code module} (e.g. {@code command-side}) on the test servers, with this heap and
     * these further {@code --name=value} settings, once its health answers.
     */
    public static ServiceProcess start(String module, int port, String nodeId, String heap, List<String> settings)
            throws Exception {
        return start(module, port, nodeId, List.of("-Xmx" + heap), RealServers.endpoints(), settings, DEFAULT_START_TIMEOUT);
    }

    /**
     * The service of {@code module} on these servers (a suite that runs servers of its own, or kills the
     * shared ones), with these JVM options (its heap among them) and these further {@code --name=value}
     * settings, once its health answers (within {@code startTimeout}: a machine shared with other builds
     * may need minutes).
     */
    public static ServiceProcess start(String module, int port, String nodeId, List<String> jvmOptions,
                                       InfraEndpoints servers, List<String> settings, Duration startTimeout) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.add("-Daxoniq.update-checker.disabled=true");
        // As system properties, below the command line's settings: a node's own settings win.
        RealServers.TEST_DEFAULTS.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", jar(module).toString(),
                "--server.port=" + port, "--parley.commands.node-id=" + nodeId,
                "--parley.auth.jwt-secret=" + RealServers.TEST_JWT_SECRET));
        servers.springProperties().forEach((name, value) -> command.add("--" + name + "=" + value));
        command.addAll(settings);
        Path log = RealServers.projectRoot().resolve("target").resolve(nodeId + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess node = new ServiceProcess(process, port, nodeId);
        node.awaitHealthy(log, startTimeout);
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

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process dies at once, wherever it is, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
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

    private void awaitHealthy(Path log, Duration startTimeout) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(startTimeout).pollInterval(Duration.ofMillis(500))
                    .failFast(() -> !process.isAlive()).until(() -> answersHealthy(http));
        } catch (TerminalFailureException exited) {
            throw new IllegalStateException(nodeId + " exited; see " + log.toAbsolutePath(), exited);
        } catch (ConditionTimeoutException late) {
            process.destroyForcibly();
            throw new IllegalStateException(nodeId + " did not become healthy; see " + log.toAbsolutePath(), late);
        }
    }

    private boolean answersHealthy(HttpClient http) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | RuntimeException notYet) {
            return false; // still starting
        }
    }

    /** The module's runnable jar, in its build folder. */
    private static Path jar(String module) throws IOException {
        Path target = RealServers.projectRoot().resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build " + module + " first: no runnable jar in " + target));
        }
    }
}
