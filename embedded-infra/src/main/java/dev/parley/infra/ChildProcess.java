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
import java.util.stream.Stream;

/**
 * A server process started by Parley, with a pid file beside its data so that a later run can stop it
 * if this run dies without stopping it (a {@code kill -9} of the launcher leaves its children running).
 */
final class ChildProcess {

    private static final Duration POLL = Duration.ofMillis(200);
    /** util-linux's {@code setsid}, where the machine has it (not on macOS). */
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of).filter(Files::isExecutable).findFirst();

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

    /**
     * Starts the command in a session of its own (through util-linux's {@code setsid} where the machine has
     * it): a Ctrl-C at the terminal signals the launcher's process group only, so the servers keep serving
     * while Parley's shutdown still uses them, and Parley stops them last. {@code setsid} replaces itself
     * with the command, so the pid is the server's.
     */
    static ChildProcess launch(String server, List<String> command, Path workDir, Path logFile, Path pidFile)
            throws ServerStartException {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(inOwnSession(command))
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

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** How the process ended, for the log line of its restart. */
    String exitDescription() {
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    /** The command prefixed with {@code setsid} when the machine has it; unchanged otherwise (its group is then the launcher's). */
    static List<String> inOwnSession(List<String> command) {
        return SETSID.map(setsid -> {
            List<String> prefixed = new java.util.ArrayList<>(command.size() + 1);
            prefixed.add(setsid.toString());
            prefixed.addAll(command);
            return List.copyOf(prefixed);
        }).orElse(command);
    }

    /**
     * SIGKILL to every process of the group that {@code leader} led: a server started in a session of its
     * own leads its group, and what it forked (PostgreSQL's backends, a Redis save) stays in that group
     * after the leader is gone, holding shared memory or files the next start needs.
     */
    static void killGroup(long leader) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + leader)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill command: the group's members exit by themselves once their leader is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
