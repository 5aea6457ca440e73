package dev.parley.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by Parley, with a pid file beside its data so that a later run can stop it
 * if this run dies without stopping it (a {@code kill -9} of the launcher leaves its children running).
 */
final class ChildProcess {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String server;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private ChildProcess(String server, Process process, Path logFile, Path pidFile) {
        this.server = server;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    static ChildProcess launch(String server, List<String> command, Path workDir, Path logFile, Path pidFile)
            throws ServerStartException {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
            return new ChildProcess(server, process, logFile, pidFile);
        } catch (IOException e) {
            throw new ServerStartException(server, logFile, "could not launch " + command.get(0) + ": " + e.getMessage());
        }
    }

    /** Runs a command to its end (a one-off tool such as a storage formatter) and fails if it fails. */
    static void runToCompletion(String server, List<String> command, Path workDir, Path logFile, Duration timeout)
            throws ServerStartException, InterruptedException {
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ServerStartException(server, logFile, command.get(command.size() - 1) + " did not finish in " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new ServerStartException(server, logFile, "preparing its storage failed (exit code " + process.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new ServerStartException(server, logFile, "could not run " + command.get(0) + ": " + e.getMessage());
        }
    }

    /** Waits until {@code probe} answers true; fails early, with the log's tail, if the process dies. */
    void awaitReady(Callable<Boolean> probe, Duration timeout) throws ServerStartException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new ServerStartException(server, logFile, "the process exited with code " + process.exitValue());
            }
            try {
                if (Boolean.TRUE.equals(probe.call())) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception notYet) {
                // still starting: the probe is retried until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new ServerStartException(server, logFile, "not ready after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then SIGKILL after the grace period. */
    void stop(Duration grace) {
        terminate(process.toHandle(), grace);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the process named in a pid file if it is still alive and is ours: its command line mentions
     * {@code marker} (the data folder), so a recycled pid of an unrelated process is never touched.
     */
    static Optional<Long> stopLeftover(Path pidFile, String marker, Duration grace) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> commandLine(handle).contains(marker));
            leftover.ifPresent(handle -> terminate(handle, grace));
            Files.deleteIfExists(pidFile);
            return leftover.map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String commandLine(ProcessHandle handle) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(handle.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException notLinux) {
            return handle.info().commandLine().orElse("");
        }
    }

    /** SIGTERM, and SIGKILL if the process has not exited after {@code grace}. */
    static void terminate(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception stillRunning) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the kernel reaps it; nothing more to do from here
            }
        }
    }

    static void requireFreePort(String server, String setting, int port) throws ServerStartException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new ServerStartException(server, null, "port " + port + " on 127.0.0.1 is taken by another process"
                    + " (another Parley, or a local " + server + "?). Stop it, or choose another port with "
                    + InfraSettings.PREFIX + setting);
        }
    }

    static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The java launcher of this JVM, for servers that run on the same Java. */
    static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
