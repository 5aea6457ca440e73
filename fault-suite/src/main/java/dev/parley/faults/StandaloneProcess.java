package dev.parley.faults;

import static org.awaitility.Awaitility.await;

import dev.parley.testing.RealServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The standalone as a user runs it (its runnable jar: every server and service in one launcher), on a
 * data folder and ports of the suite's own; started, killed with every process it owns at once, and
 * started again on the same data.
 */
final class StandaloneProcess implements AutoCloseable {


    private final Path dataDir;
    private final int httpPort;
    private final List<String> arguments;
    private final Duration startTimeout;
    private final List<Process> launched = new ArrayList<>();
    private Process launcher;

    /** {@code firstPort}: HTTP there, the servers on the seven ports after it; {@code settings}: {@code --name=value} for Parley. */
    StandaloneProcess(Path dataDir, int firstPort, List<String> settings, Duration startTimeout) {
        this.dataDir = dataDir.toAbsolutePath();
        this.httpPort = firstPort;
        this.startTimeout = startTimeout;
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + firstPort,
                "--parley.infra.data-dir=" + this.dataDir,
                "--parley.infra.postgres.port=" + (firstPort + 1),
                "--parley.infra.kafka.port=" + (firstPort + 2),
                "--parley.infra.kafka.controller-port=" + (firstPort + 3),
                "--parley.infra.cassandra.port=" + (firstPort + 4),
                "--parley.infra.cassandra.storage-port=" + (firstPort + 5),
                "--parley.infra.redis.port=" + (firstPort + 6),
                "--parley.infra.s3.port=" + (firstPort + 7)));
        args.addAll(settings);
        this.arguments = List.copyOf(args);
    }

    int httpPort() {
        return httpPort;
    }

    /** Starts the launcher (its output in {@code logName} in the data folder); returns once it says Parley is ready. */
    void start(String logName) throws IOException {
        Files.createDirectories(dataDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("setsid", java, "-Xmx768m", "-jar", jar().toString()));
        command.addAll(arguments);
        Path log = dataDir.resolve(logName);
        // In a session of its own, as at a terminal.
        launcher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        launched.add(launcher);
        Process starting = launcher;
        try {
            await().atMost(startTimeout).pollInterval(Duration.ofMillis(250))
                    .failFast("the launcher exited", () -> !starting.isAlive())
                    .until(() -> read(log).contains("[parley] Parley is ready at http://localhost:" + httpPort));
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException notReady) {
            throw new IllegalStateException("the standalone did not become ready (" + log + "):\n" + tail(read(log)), notReady);
        }
    }

    /**
     * SIGKILL to every process of the standalone at once, as a power cut would: the launcher, every
     * server named by a pid file, every process whose command line names the data folder, and all their
     * descendants (PostgreSQL's backends, Cassandra's and Kafka's JVMs under their scripts). The servers
     * run in sessions of their own, so a process tree alone would miss them. Returns how many were killed.
     */
    int killEverything() throws Exception {
        Set<ProcessHandle> targets = new LinkedHashSet<>();
        Optional.ofNullable(launcher).map(Process::toHandle).ifPresent(targets::add);
        Arrays.stream(Fault.values()).filter(Fault::isServer)
                .forEach(server -> ServerPids.readPid(ServerPids.pidFile(dataDir, server)).flatMap(ProcessHandle::of)
                        .ifPresent(targets::add));
        String folder = dataDir.toString();
        ProcessHandle.allProcesses().filter(process -> ServerPids.commandLine(process).contains(folder)).forEach(targets::add);
        Set<ProcessHandle> all = new LinkedHashSet<>(targets);
        targets.forEach(process -> process.descendants().forEach(all::add));
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        return all.size();
    }

    /** Whether a process of the standalone still runs (none should after {@link #killEverything()}). */
    List<Long> survivors() {
        String folder = dataDir.toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(process -> ServerPids.commandLine(process).contains(folder)).map(ProcessHandle::pid).toList();
    }

    private static Path jar() {
        Path jar = RealServers.projectRoot().resolve("standalone/target/parley-standalone.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the standalone first: no " + jar);
        }
        return jar;
    }


    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String tail(String log) {
        return log.length() <= 4_000 ? log : log.substring(log.length() - 4_000);
    }

    /** Stops the standalone the way a user does (SIGTERM, its bounded stop), then kills whatever is left. */
    @Override
    public void close() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroy();
            launcher.waitFor(60, TimeUnit.SECONDS);
        }
        killEverything();
        launched.forEach(Process::destroyForcibly);
    }
}
