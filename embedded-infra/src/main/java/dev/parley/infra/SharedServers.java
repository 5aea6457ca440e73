package dev.parley.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, or finds already running, one {@link InfrastructureDaemon} shared by every JVM of a build (each
 * Maven module tests in a JVM of its own), so that the servers start once per build. A file lock makes
 * the JVMs agree on who starts it; the daemon stops when the build's Maven process ends.
 */
public final class SharedServers {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private SharedServers() {
    }

    /**
     * Ensures the daemon runs with these settings (its data folder holds its lock, ready file and log) and
     * returns how to reach its servers.
     */
    public static InfraEndpoints ensureRunning(Map<String, String> settings) {
        InfraSettings parsed = InfraSettings.from(settings::get);
        Path dir = parsed.dataDir();
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve("daemon.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Path ready = dir.resolve("daemon.ready");
                if (!isServing(ready)) {
                    awaitPreviousDaemonGone(ready);
                    launch(dir, ready, settings);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the shared servers", e);
        }
        return InfraEndpoints.of(parsed);
    }

    /** Ready, alive, and not about to stop because the run it served has ended. */
    private static boolean isServing(Path ready) throws IOException {
        if (!Files.exists(ready)) {
            return false;
        }
        List<String> lines = Files.readAllLines(ready);
        return lines.size() >= 2 && alive(Long.parseLong(lines.get(0))) && alive(Long.parseLong(lines.get(1)));
    }

    private static void awaitPreviousDaemonGone(Path ready) throws IOException, InterruptedException {
        Path pidFile = ready.resolveSibling("daemon.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> previous = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                .filter(handle -> ChildProcess.commandLine(handle).contains(InfrastructureDaemon.class.getName()));
        if (previous.isPresent()) {
            previous.get().destroy();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (previous.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
    }

    private static void launch(Path dir, Path ready, Map<String, String> settings)
            throws IOException, InterruptedException {
        Files.deleteIfExists(ready);
        List<String> command = new ArrayList<>(List.of(ChildProcess.currentJava(), "-Xmx256m",
                "-Daxoniq.update-checker.disabled=true"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-D" + InfrastructureDaemon.WATCH_PID + "=" + buildProcess().pid());
        command.add("-D" + InfrastructureDaemon.READY_FILE + "=" + ready);
        command.addAll(List.of("-cp", daemonClasspath(), InfrastructureDaemon.class.getName()));
        Path log = dir.resolve("daemon.log");
        Process daemon = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        Files.writeString(dir.resolve("daemon.pid"), Long.toString(daemon.pid()));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(ready)) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                daemon.destroy();
                throw new IllegalStateException("the shared test servers did not start; see " + log + ":\n"
                        + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    /**
     * The Maven process of this build (whose end stops the daemon), found among this JVM's ancestors;
     * else the parent (an IDE, say: the daemon's lifetime bound covers that case).
     */
    static ProcessHandle buildProcess() {
        ProcessHandle current = ProcessHandle.current();
        Optional<ProcessHandle> ancestor = current.parent();
        while (ancestor.isPresent()) {
            if (ChildProcess.commandLine(ancestor.get()).contains("org.codehaus.plexus.classworlds.launcher.Launcher")) {
                return ancestor.get();
            }
            ancestor = ancestor.get().parent();
        }
        return current.parent().orElse(current);
    }

    private static String daemonClasspath() throws IOException {
        try (InputStream in = SharedServers.class.getResourceAsStream("/dev/parley/infra/daemon.classpath")) {
            if (in == null) {
                throw new IllegalStateException("daemon.classpath is missing from the embedded-infra build");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(SharedServers.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            return self + java.io.File.pathSeparator + dependencies;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
