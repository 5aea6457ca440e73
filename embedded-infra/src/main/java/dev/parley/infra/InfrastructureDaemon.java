package dev.parley.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the embedded servers in a JVM of their own for as long as another process lives: the test
 * servers outlive each test JVM so that a whole Maven run starts them once, and stop when Maven exits
 * (normally, on failure, or killed). Settings come from {@code parley.infra.*} system properties.
 */
public final class InfrastructureDaemon {

    /** The process whose end stops the daemon (the Maven run). */
    public static final String WATCH_PID = "parley.daemon.watch-pid";
    /** Written once every server is ready; removed first thing when stopping. */
    public static final String READY_FILE = "parley.daemon.ready-file";
    /** A bound on the daemon's life whatever happens to the watched process. */
    public static final String MAX_LIFETIME_MINUTES = "parley.daemon.max-lifetime-minutes";

    private InfrastructureDaemon() {
    }

    public static void main(String[] args) throws Exception {
        Path readyFile = Path.of(System.getProperty(READY_FILE));
        long watchPid = Long.parseLong(System.getProperty(WATCH_PID));
        Duration maxLifetime = Duration.ofMinutes(Long.getLong(MAX_LIFETIME_MINUTES, 120));
        quietLogging(readyFile.getParent());

        InfraSettings settings = InfraSettings.from(Map.of());
        Infrastructure infrastructure;
        try {
            infrastructure = Infrastructure.start(settings, System.out);
        } catch (ServerStartException e) {
            System.out.println("[parley] " + e.getMessage());
            System.exit(1);
            return;
        }
        Path partial = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
        Files.writeString(partial, ProcessHandle.current().pid() + "\n" + watchPid + "\n");
        Files.move(partial, readyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        long deadline = System.nanoTime() + maxLifetime.toNanos();
        Optional<ProcessHandle> watched = ProcessHandle.of(watchPid);
        while (watched.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(300);
        }
        System.out.println("[parley] process " + watchPid + " ended: stopping the servers");
        Files.deleteIfExists(readyFile);
        infrastructure.close();
        System.exit(0);
    }

    /** Keeps the daemon's own log to what an operator needs: the servers' clients are chatty at DEBUG. */
    private static void quietLogging(Path dir) throws IOException {
        Path config = dir.resolve("daemon-logback.xml");
        Files.writeString(config, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level %logger{30}: %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        System.setProperty("logback.configurationFile", config.toString());
    }
}
