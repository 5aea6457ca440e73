package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.RealServers;
import dev.parley.testing.ServerChecks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The launcher as a user runs it: the packaged jar in a process of its own, starting every server on
 * its own ports and data folder; a server killed under it and started again; the launcher killed
 * outright, then started again on the same data; stopped by Ctrl-C (SIGINT to its process group) with a server
 * dead and its restart under way: the stop within its bound, leaving no process and no port.
 */
class StandaloneLauncherIT {

    private static final Path JAR = Path.of("target/parley-standalone.jar");
    private static final Path DATA = Path.of("target/launcher-it-data").toAbsolutePath();
    /** A bound, not a measure: a first start (initdb, Cassandra's roles) has needed over 4 min on a machine shared by builds. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(8);
    private static final int OFFSET = RealServers.portOffset();
    private static final int HTTP_PORT = 30080 + OFFSET;
    /**
     * Every port the launcher's servers listen on, apart from the test servers' and the standalone defaults;
     * all below 32768, where Linux starts handing out ephemeral ports, so no client socket can hold one.
     */
    private static final List<Integer> SERVER_PORTS = Stream.of(30432, 31092, 31093, 31042, 30700, 30380, 31001)
            .map(port -> port + OFFSET).toList();

    private static final Duration STOP_BOUND = Duration.ofSeconds(30 + 15);

    private final List<Process> launched = new ArrayList<>();

    @BeforeEach
    void freshDataFolder() throws IOException {
        FileSystemUtils.deleteRecursively(DATA);
        Files.createDirectories(DATA);
    }

    @AfterEach
    void stopAnythingLeft() {
        launched.forEach(process -> process.descendants().forEach(ProcessHandle::destroyForcibly));
        launched.forEach(Process::destroyForcibly);
        // The postmaster is no descendant: pg_ctl starts it detached.
        serverPids().values().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void comesUpHealthyHealsAServerSurvivesAKillAndStopsWithinItsBound() throws Exception {
        Process first = launch("first.log");
        awaitReady(first, "first.log");
        ServerChecks.assertHealthUp(HTTP_PORT, "postgres", "kafka", "cassandra", "redis", "s3");
        assertSecretsAreOwnerOnlyAndTheServersRequireThem();
        Map<String, Long> firstServers = serverPids();
        assertThat(firstServers).hasSize(5);
        assertRedisKilledComesBackAndParleyUsesItAgain(firstServers.get("redis"), "first.log");
        firstServers = serverPids();

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(alive(firstServers)).as("kill -9 of the launcher leaves its servers running").isNotEmpty();

        Process second = launch("second.log");
        String secondLog = awaitReady(second, "second.log");
        assertThat(secondLog).contains("left running by an earlier run");
        assertThat(alive(firstServers)).as("the leftovers were stopped").isEmpty();
        ServerChecks.assertHealthUp(HTTP_PORT, "postgres", "kafka", "cassandra", "redis", "s3");
        Map<String, Long> secondServers = serverPids();

        // A server dead when the stop begins, its restart under way: the stop must still end in time.
        ProcessHandle.of(secondServers.get("cassandra")).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> read(DATA.resolve("second.log")).contains("[parley] cassandra (pid "
                + secondServers.get("cassandra") + ") exited unexpectedly"));
        // Ctrl-C at a terminal: SIGINT to the launcher's whole process group. The servers, in sessions of their
        // own, do not get it, and Parley stops them after itself. (SIGTERM reaches the same shutdown.)
        signalGroup(second, "INT");
        assertExitsWithinTheBound(second, "second.log");
        assertNothingLeft(secondServers);
    }

    /** A server killed under Parley is started again, and Parley, not restarted, uses it again. */
    private static void assertRedisKilledComesBackAndParleyUsesItAgain(long redis, String logName) throws Exception {
        ProcessHandle.of(redis).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(60)).until(() -> read(DATA.resolve(logName))
                .contains("[parley] redis (pid " + redis + ") exited unexpectedly (exit code 137); restart attempt 1 in 1.0 s"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                ServerChecks.assertHealthUp(HTTP_PORT, "redis"));
        // The supervisor's own readiness check may answer a moment after health does.
        await().atMost(Duration.ofSeconds(30)).until(() -> read(DATA.resolve(logName)).contains("[parley] redis is back (pid "));
        // Registration counts each address's attempts in Redis.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                new Requests(HTTP_PORT, null).register("healed"));
    }

    /** The stop's bound, parley.shutdown.timeout (30 s), with a margin for a machine busy with other builds. */
    private static void assertExitsWithinTheBound(Process launcher, String logName) throws Exception {
        long begin = System.nanoTime();
        boolean exited = launcher.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(exited).as("the launcher exits within %s:%n%s", STOP_BOUND, exited ? "" : read(DATA.resolve(logName)))
                .isTrue();
        System.out.printf("%s: exit code %d, %d ms after the signal%n", logName, launcher.exitValue(),
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    private static void assertNothingLeft(Map<String, Long> servers) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(alive(serverPidsAnd(servers))).as("no server process is left").isEmpty());
        for (int port : SERVER_PORTS) {
            assertThat(portIsFree(port)).as("port %d is free again", port).isTrue();
        }
        assertThat(portIsFree(HTTP_PORT)).isTrue();
    }

    /** The pids given, and those in the pid files now (a restart may have started another). */
    private static Map<String, Long> serverPidsAnd(Map<String, Long> earlier) {
        Map<String, Long> all = new TreeMap<>();
        earlier.forEach((server, pid) -> all.put(server + " " + pid, pid));
        serverPids().forEach((server, pid) -> all.put(server + " " + pid, pid));
        return all;
    }

    private static void signalGroup(Process leader, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + leader.pid()).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s -%d", signal, leader.pid())
                .isTrue();
    }

    /** Parley's clients got in (health above); a client without the generated credentials does not. */
    private static void assertSecretsAreOwnerOnlyAndTheServersRequireThem() throws Exception {
        Path secrets = DATA.resolve("secrets");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
        for (String secret : List.of("jwt-secret", "admin-password", "postgres-password", "kafka-password",
                "cassandra-password", "redis-password", "s3-access-key", "s3-secret-key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(secret))))
                    .as("permissions of %s", secret).isEqualTo("rw-------");
        }
        String jdbc = "jdbc:postgresql://127.0.0.1:" + (30432 + OFFSET) + "/parley";
        assertThatThrownBy(() -> DriverManager.getConnection(jdbc, "postgres", "").close())
                .as("PostgreSQL without a password").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(jdbc, "postgres", "postgres").close())
                .as("PostgreSQL with the earlier fixed password").isInstanceOf(SQLException.class);
        DriverManager.getConnection(jdbc, "postgres", Files.readString(secrets.resolve("postgres-password")).trim()).close();
        try (Socket redis = new Socket("127.0.0.1", 30380 + OFFSET)) {
            redis.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(redis.getInputStream().readNBytes(7), StandardCharsets.US_ASCII))
                    .as("Redis without a password").startsWith("-NOAUTH");
        }
    }

    private Process launch(String logName) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // In a session of its own, as at a terminal: its pid is its process group's id.
        Process process = new ProcessBuilder("setsid", java, "-Xmx768m", "-jar", JAR.toString(),
                "--server.port=" + HTTP_PORT,
                "--parley.infra.data-dir=" + DATA,
                "--parley.infra.postgres.port=" + (30432 + OFFSET),
                "--parley.infra.kafka.port=" + (31092 + OFFSET),
                "--parley.infra.kafka.controller-port=" + (31093 + OFFSET),
                "--parley.infra.cassandra.port=" + (31042 + OFFSET),
                "--parley.infra.cassandra.storage-port=" + (30700 + OFFSET),
                "--parley.infra.redis.port=" + (30380 + OFFSET),
                "--parley.infra.s3.port=" + (31001 + OFFSET))
                .redirectErrorStream(true)
                .redirectOutput(DATA.resolve(logName).toFile())
                .start();
        launched.add(process);
        return process;
    }

    private static String awaitReady(Process process, String logName) throws Exception {
        Path log = DATA.resolve(logName);
        try {
            await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .failFast("the launcher exited", () -> !process.isAlive())
                    .until(() -> read(log).contains("[parley] Parley is ready at http://localhost:" + HTTP_PORT));
        } catch (TerminalFailureException exited) {
            throw new AssertionError("the launcher exited with " + process.exitValue() + ":\n" + read(log), exited);
        } catch (ConditionTimeoutException late) {
            throw new AssertionError("not ready after " + READY_TIMEOUT + ":\n" + read(log), late);
        }
        return read(log);
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Each server's pid, from the pid file it keeps beside its data. */
    private static Map<String, Long> serverPids() {
        Map<String, Long> pids = new TreeMap<>();
        Map.of("kafka", "kafka/kafka.pid", "cassandra", "cassandra/cassandra.pid", "redis", "redis/redis.pid",
                        "s3", "s3/s3proxy.pid", "postgres", "postgres/data/postmaster.pid")
                .forEach((server, file) -> firstLine(DATA.resolve(file)).ifPresent(pid -> pids.put(server, Long.parseLong(pid))));
        return pids;
    }

    private static Map<String, Long> alive(Map<String, Long> pids) {
        Map<String, Long> living = new TreeMap<>(pids);
        living.values().removeIf(pid -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        return living;
    }

    private static Optional<String> firstLine(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst().map(String::trim);
        } catch (IOException missing) {
            return Optional.empty();
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
