package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle of embedded servers, on Redis and S3 (the two quickest to start; the others are set as
 * external so that they are left alone): start, refuse a second run on the same data, stop leaving no
 * port behind, and clean up after a run that was killed.
 */
class InfrastructureIT {

    // Below 32768, where Linux starts handing out ephemeral ports, so no client socket can hold one.
    private static final int REDIS_PORT = 30379 + portOffset();
    private static final int S3_PORT = 31000 + portOffset();
    private static final int POSTGRES_PORT = 30433 + portOffset();

    /** {@code PARLEY_TEST_PORT_OFFSET}, as the other modules' tests take it (test-support depends on this module). */
    private static int portOffset() {
        String offset = System.getenv("PARLEY_TEST_PORT_OFFSET");
        return offset == null || offset.isBlank() ? 0 : Integer.parseInt(offset.trim());
    }

    @TempDir
    Path dataDir;

    private Map<String, String> settings() {
        Map<String, String> values = new HashMap<>();
        values.put("parley.infra.data-dir", dataDir.toString());
        values.put("parley.infra.redis.port", Integer.toString(REDIS_PORT));
        values.put("parley.infra.redis.persistent", "false");
        values.put("parley.infra.s3.port", Integer.toString(S3_PORT));
        values.put("parley.infra.s3.access-key", "lifecycle-test");
        values.put("parley.infra.s3.secret-key", "lifecycle-test-secret");
        values.put("parley.infra.postgres.jdbc-url", "jdbc:postgresql://external-db:5432/parley");
        values.put("parley.infra.kafka.bootstrap-servers", "external-kafka:9092");
        values.put("parley.infra.cassandra.contact-point", "external-cassandra:9042");
        return values;
    }

    @Test
    void startsServesAndStopsLeavingNoPortBehind() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (Infrastructure infrastructure = Infrastructure.start(InfraSettings.from(settings()::get),
                new PrintStream(progress, true, StandardCharsets.UTF_8))) {
            assertThat(redisPing()).isEqualTo("+PONG");
            assertThat(s3Status()).isEqualTo(403);
            assertThat(infrastructure.endpoints().redisUrl()).isEqualTo("redis://127.0.0.1:" + REDIS_PORT);
            assertThat(infrastructure.endpoints().kafkaBootstrapServers()).isEqualTo("external-kafka:9092");
            assertThat(infrastructure.startTimes()).containsOnlyKeys("redis", "s3");
        }

        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("[parley] starting redis, s3")
                .contains("redis     ready in")
                .contains("s3        ready in");
        assertThat(portIsFree(REDIS_PORT)).isTrue();
        assertThat(portIsFree(S3_PORT)).isTrue();
    }

    @Test
    void refusesASecondRunOnTheSameDataFolder() throws Exception {
        try (Infrastructure first = Infrastructure.start(InfraSettings.from(settings()::get), quiet())) {
            ServerStartException refused = catchThrowableOfType(ServerStartException.class,
                    () -> Infrastructure.start(InfraSettings.from(settings()::get), quiet()));

            assertThat(refused.getMessage()).contains("another Parley (pid " + ProcessHandle.current().pid() + ")");
            assertThat(redisPing()).as("the first run keeps serving").isEqualTo("+PONG");
        }
    }

    @Test
    void aTakenPortStopsTheStartWithTheServerAndPortNamed() throws Exception {
        try (ServerSocket squatter = new ServerSocket(REDIS_PORT, 1, InetAddress.getByName("127.0.0.1"))) {
            ServerStartException refused = catchThrowableOfType(ServerStartException.class,
                    () -> Infrastructure.start(InfraSettings.from(settings()::get), quiet()));

            assertThat(refused.getMessage()).contains("redis failed to start").contains("port " + REDIS_PORT);
        }
        assertThat(portIsFree(S3_PORT)).as("nothing else was left running").isTrue();
    }

    @Test
    void aRunAfterAKilledOneStopsWhatTheKilledOneLeftAndStarts() throws Exception {
        Process killed = startDaemonAndWaitUntilReady();
        long leftoverRedis = Long.parseLong(Files.readString(dataDir.resolve("redis/redis.pid")).trim());
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(leftoverRedis).map(ProcessHandle::isAlive)).as("kill -9 leaves children").contains(true);

        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (Infrastructure next = Infrastructure.start(InfraSettings.from(settings()::get),
                new PrintStream(progress, true, StandardCharsets.UTF_8))) {
            assertThat(progress.toString(StandardCharsets.UTF_8))
                    .contains("stopped redis (pid " + leftoverRedis + ")")
                    .contains("stopped s3 (pid");
            assertThat(ProcessHandle.of(leftoverRedis).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(redisPing()).isEqualTo("+PONG");
        }
    }

    @Test
    void aServerKilledWithSigkillIsStartedAgainOnItsPortInASessionOfItsOwn() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        long restarted;
        try (Infrastructure infrastructure = Infrastructure.start(InfraSettings.from(settings()::get),
                new PrintStream(progress, true, StandardCharsets.UTF_8))) {
            long first = infrastructure.pid("redis").orElseThrow();
            assertThat(sessionOf(first)).as("Redis leads a session of its own: a Ctrl-C at the terminal misses it")
                    .isEqualTo(first);

            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(60)).until(() -> infrastructure.restarts("redis") == 1);
            restarted = infrastructure.pid("redis").orElseThrow();
            assertThat(restarted).isNotEqualTo(first);
            assertThat(redisPing()).isEqualTo("+PONG");
            assertThat(infrastructure.restarts("s3")).isZero();
            assertThat(progress.toString(StandardCharsets.UTF_8))
                    .contains("[parley] redis (pid " + first + ") exited unexpectedly (exit code 137); restart attempt 1 in 1.0 s")
                    .contains("[parley] redis is back (pid " + restarted + ") after restart attempt 1");
        }
        assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(portIsFree(REDIS_PORT)).isTrue();
        assertThat(progress.toString(StandardCharsets.UTF_8)).as("a stop is no exit to restart after")
                .containsOnlyOnce("exited unexpectedly");
    }

    @Test
    void aKilledPostmasterIsStartedAgainWithItsData() throws Exception {
        Map<String, String> values = settings();
        values.remove("parley.infra.postgres.jdbc-url");
        values.put("parley.infra.postgres.port", Integer.toString(POSTGRES_PORT));
        values.put("parley.infra.postgres.password", "supervision-test");
        values.put("parley.infra.redis.url", "redis://external-redis:6379");
        values.put("parley.infra.s3.endpoint", "http://external-s3:9000");
        String jdbc = "jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/parley";
        try (Infrastructure infrastructure = Infrastructure.start(InfraSettings.from(values::get), quiet())) {
            try (var connection = java.sql.DriverManager.getConnection(jdbc, "postgres", "supervision-test");
                 var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id int)");
                statement.execute("INSERT INTO kept VALUES (14)");
            }
            long postmaster = infrastructure.pid("postgres").orElseThrow();
            assertThat(sessionOf(postmaster)).as("pg_ctl starts the postmaster in a session of its own").isEqualTo(postmaster);

            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(90)).until(() -> infrastructure.restarts("postgres") == 1);
            assertThat(infrastructure.pid("postgres")).isPresent().get().isNotEqualTo(postmaster);
            try (var connection = java.sql.DriverManager.getConnection(jdbc, "postgres", "supervision-test");
                 var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT id FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(14);
            }
        }
        assertThat(portIsFree(POSTGRES_PORT)).isTrue();
    }

    /** The session id of a process, from {@code /proc/<pid>/stat} (its sixth field). */
    private static long sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(afterName[3]);
    }

    /** The daemon is a launcher of its own; killing it with SIGKILL is what a crashed launcher looks like. */
    private Process startDaemonAndWaitUntilReady() throws Exception {
        Path ready = dataDir.resolve("daemon.ready");
        List<String> command = new ArrayList<>(List.of(ChildProcess.currentJava()));
        settings().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-D" + InfrastructureDaemon.WATCH_PID + "=" + ProcessHandle.current().pid());
        command.add("-D" + InfrastructureDaemon.READY_FILE + "=" + ready);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), InfrastructureDaemon.class.getName()));
        Process daemon = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("daemon.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).failFast("the daemon exited", () -> !daemon.isAlive())
                    .until(() -> Files.exists(ready));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            daemon.destroyForcibly();
            throw new AssertionError("daemon did not start: " + Files.readString(dataDir.resolve("daemon.log")), e);
        }
        return daemon;
    }

    private static PrintStream quiet() {
        return new PrintStream(java.io.OutputStream.nullOutputStream());
    }

    private static String redisPing() throws IOException {
        try (var socket = new java.net.Socket("127.0.0.1", REDIS_PORT)) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
        }
    }

    private static int s3Status() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + S3_PORT + "/")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
