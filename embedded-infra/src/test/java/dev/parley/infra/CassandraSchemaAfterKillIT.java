package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keyspace created just before Cassandra is killed with SIGKILL is still there when Cassandra starts
 * again on the same data, with its rows: Parley's sessions are bound to their keyspace, and one that
 * cannot {@code USE} it never gets a connection back (the driver answers every query "no node available").
 */
class CassandraSchemaAfterKillIT {

    // A range of its own, below 32768 (no ephemeral client port can hold one).
    private static final int CASSANDRA_PORT = 13640;
    private static final int CASSANDRA_STORAGE_PORT = 13650;

    @TempDir
    Path dataDir;

    @Test
    void aKeyspaceAndItsRowsSurviveAKill() throws Exception {
        InfraSettings settings = InfraSettings.from(Map.of(
                "parley.infra.data-dir", dataDir.toString(),
                "parley.infra.cassandra.port", Integer.toString(CASSANDRA_PORT),
                "parley.infra.cassandra.storage-port", Integer.toString(CASSANDRA_STORAGE_PORT)));
        // Cassandra alone has needed minutes on a machine busy with other builds.
        CassandraServer cassandra = new CassandraServer(settings.cassandra(), dataDir, Duration.ofMinutes(10));
        try {
            cassandra.start();
            try (CqlSession session = connect(null)) {
                session.execute("CREATE KEYSPACE killed WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                session.execute("CREATE TABLE killed.notes (id int PRIMARY KEY, text text)");
                session.execute("INSERT INTO killed.notes (id, text) VALUES (1, 'before the kill')");
            }

            cassandra.kill();
            // The killed JVM holds its port for a moment: the restart's readiness check must not meet it.
            await().atMost(Duration.ofMinutes(1)).until(() -> !ChildProcess.acceptsConnections(CASSANDRA_PORT));
            cassandra.start();

            try (CqlSession session = connect("killed")) {
                Row row = session.execute("SELECT text FROM notes WHERE id = 1").one();
                assertThat(row).isNotNull();
                assertThat(row.getString("text")).isEqualTo("before the kill");
            }
        } finally {
            cassandra.stop();
        }
    }

    private static CqlSession connect(String keyspace) {
        var builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", CASSANDRA_PORT))
                .withLocalDatacenter("datacenter1")
                // Schema changes on a machine busy with other builds: a bound, not a speed.
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(30))
                        .build());
        return keyspace == null ? builder.build() : builder.withKeyspace(keyspace).build();
    }
}
