package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Each embedded server, given credentials, refuses a client without them or with wrong ones and lets a
 * client with them in: also on a data folder that an earlier version filled without credentials, which
 * is how a user's existing standalone data meets this version.
 */
class ServerCredentialsIT {

    // Below 32768 (no ephemeral client port can hold one), apart from the other tests' ports.
    private static final int OFFSET = portOffset();
    private static final int POSTGRES_PORT = 30520 + OFFSET;
    private static final int KAFKA_PORT = 30530 + OFFSET;
    private static final int KAFKA_CONTROLLER_PORT = 30531 + OFFSET;
    private static final int CASSANDRA_PORT = 30540 + OFFSET;
    private static final int CASSANDRA_STORAGE_PORT = 30550 + OFFSET;
    private static final int REDIS_PORT = 30560 + OFFSET;
    private static final int S3_PORT = 30570 + OFFSET;

    private static final String POSTGRES_PASSWORD = "pg-secret-4d1f";
    private static final String KAFKA_PASSWORD = "kafka-secret-8c2e";
    private static final String CASSANDRA_PASSWORD = "cassandra-secret-19ab";
    private static final String REDIS_PASSWORD = "redis-secret-77f0";
    private static final String S3_ACCESS_KEY = "access-e3a9";
    private static final String S3_SECRET_KEY = "s3-secret-0b6d";

    private static int portOffset() {
        String offset = System.getenv("PARLEY_TEST_PORT_OFFSET");
        return offset == null || offset.isBlank() ? 0 : Integer.parseInt(offset.trim());
    }

    @TempDir
    Path dataDir;

    @Test
    void everyServerRefusesClientsWithoutParleysCredentialsAlsoOnDataFromBeforeThem() throws Exception {
        // As an earlier version ran them: no password on Redis, Cassandra, Kafka; PostgreSQL trusting.
        try (Infrastructure before = Infrastructure.start(InfraSettings.from(settings(false)::get), quiet())) {
            assertThat(cassandraLogsIn(null, null)).isTrue();
        }
        Files.writeString(dataDir.resolve("postgres/data/pg_hba.conf"), """
                local   all  all                trust
                host    all  all  127.0.0.1/32  trust
                host    all  all  ::1/128       trust
                """);

        try (Infrastructure after = Infrastructure.start(InfraSettings.from(settings(true)::get), quiet())) {
            assertThat(postgresLogsIn("postgres", POSTGRES_PASSWORD)).isTrue();
            assertThat(postgresLogsIn("postgres", "postgres")).as("the earlier password").isFalse();
            assertThat(postgresLogsIn("postgres", "")).isFalse();
            assertThat(Files.readString(dataDir.resolve("postgres/data/pg_hba.conf"))).doesNotContain("trust");

            assertThat(redisAnswers(REDIS_PASSWORD)).isEqualTo("+PONG");
            assertThat(redisAnswers(null)).startsWith("-NOAUTH");
            assertThat(redisAnswers("wrong")).startsWith("-WRONGPASS");

            assertThat(cassandraLogsIn("parley", CASSANDRA_PASSWORD)).isTrue();
            assertThat(cassandraLogsIn(null, null)).isFalse();
            assertThat(cassandraLogsIn("parley", "wrong")).isFalse();
            assertThat(cassandraLogsIn("cassandra", "cassandra")).as("the default superuser").isFalse();

            assertThat(kafkaAnswers(new KafkaLogin("parley", KAFKA_PASSWORD).clientProperties())).isTrue();
            assertThat(kafkaAnswers(new KafkaLogin("parley", "wrong").clientProperties())).isFalse();
            assertThat(kafkaAnswers(Map.of())).isFalse();

            assertThat(s3Status(S3_ACCESS_KEY, S3_SECRET_KEY)).isEqualTo(200);
            assertThat(s3Status(S3_ACCESS_KEY, "wrong")).isEqualTo(403);

            for (String server : new String[] {"postgres", "kafka", "cassandra", "redis", "s3"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(server))))
                        .as("%s's folder", server).isEqualTo("rwx------");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("redis/redis.conf"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void anEmbeddedS3ServerWithoutKeysDoesNotStart() {
        Map<String, String> values = settings(true);
        values.remove("parley.infra.s3.access-key");
        values.put("parley.infra.postgres.jdbc-url", "jdbc:postgresql://external-db:5432/parley");
        values.put("parley.infra.kafka.bootstrap-servers", "external-kafka:9092");
        values.put("parley.infra.cassandra.contact-point", "external-cassandra:9042");
        values.put("parley.infra.redis.url", "redis://external-redis:6379");

        assertThatThrownBy(() -> Infrastructure.start(InfraSettings.from(values::get), quiet()).close())
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("parley.infra.s3.access-key");
    }

    private Map<String, String> settings(boolean withCredentials) {
        Map<String, String> values = new HashMap<>();
        values.put("parley.infra.data-dir", dataDir.toString());
        // Cassandra alone has needed minutes on a machine busy with other builds.
        values.put("parley.infra.start-timeout-seconds", "600");
        values.put("parley.infra.postgres.port", Integer.toString(POSTGRES_PORT));
        values.put("parley.infra.postgres.durable", "false");
        values.put("parley.infra.kafka.port", Integer.toString(KAFKA_PORT));
        values.put("parley.infra.kafka.controller-port", Integer.toString(KAFKA_CONTROLLER_PORT));
        values.put("parley.infra.cassandra.port", Integer.toString(CASSANDRA_PORT));
        values.put("parley.infra.cassandra.storage-port", Integer.toString(CASSANDRA_STORAGE_PORT));
        values.put("parley.infra.redis.port", Integer.toString(REDIS_PORT));
        values.put("parley.infra.redis.persistent", "false");
        values.put("parley.infra.s3.port", Integer.toString(S3_PORT));
        values.put("parley.infra.s3.access-key", S3_ACCESS_KEY);
        values.put("parley.infra.s3.secret-key", S3_SECRET_KEY);
        if (withCredentials) {
            values.put("parley.infra.postgres.password", POSTGRES_PASSWORD);
            values.put("parley.infra.kafka.password", KAFKA_PASSWORD);
            values.put("parley.infra.cassandra.password", CASSANDRA_PASSWORD);
            values.put("parley.infra.redis.password", REDIS_PASSWORD);
        }
        return values;
    }

    private static boolean postgresLogsIn(String user, String password) throws SQLException {
        try (var ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/postgres",
                user, password)) {
            return true;
        } catch (SQLException refused) {
            // 28P01: password authentication failed; 08004: the server asked for a password none was given.
            if ("28P01".equals(refused.getSQLState()) || "08004".equals(refused.getSQLState())) {
                return false;
            }
            throw refused;
        }
    }

    /** The first line of Redis's answer to PING, after AUTH with the password when one is given. */
    private static String redisAnswers(String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", REDIS_PORT), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            if (password != null) {
                out.write(("AUTH " + password + "\r\n").getBytes(StandardCharsets.US_ASCII));
                String auth = in.readLine();
                if (!auth.startsWith("+OK")) {
                    return auth;
                }
            }
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    private static boolean cassandraLogsIn(String user, String password) {
        var builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", CASSANDRA_PORT))
                .withLocalDatacenter("datacenter1");
        if (user != null) {
            builder.withAuthCredentials(user, password);
        }
        try (CqlSession session = builder.build()) {
            session.execute("SELECT release_version FROM system.local");
            return true;
        } catch (AllNodesFailedException refused) {
            return false;
        }
    }

    private static boolean kafkaAnswers(Map<String, Object> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + KAFKA_PORT);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(15, TimeUnit.SECONDS).isEmpty();
        } catch (Exception refused) {
            return false;
        }
    }

    private static int s3Status(String accessKey, String secretKey) {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + S3_PORT))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build()) {
            s3.listBuckets();
            return 200;
        } catch (S3Exception refused) {
            return refused.statusCode();
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
