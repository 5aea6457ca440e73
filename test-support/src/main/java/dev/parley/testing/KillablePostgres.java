package dev.parley.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A PostgreSQL of one test's own, which the test may stop and start again on the same port and data
 * without disturbing the build's shared servers: for the tests of what Parley does while PostgreSQL is out
 * and after it returns. Its data survives a restart, as a real server's does.
 */
public final class KillablePostgres implements AutoCloseable {

    private final int port;
    private final Path data;
    private EmbeddedPostgres server;

    private KillablePostgres(int port, Path data) {
        this.port = port;
        this.data = data;
    }

    /** Starts a PostgreSQL on a free port of {@link OwnServerPorts}' range, with an empty data folder of its own. */
    public static KillablePostgres startOnFreePort() throws IOException {
        KillablePostgres postgres = new KillablePostgres(OwnServerPorts.free(), Files.createTempDirectory("parley-killable-postgres"));
        postgres.restart();
        return postgres;
    }

    /** Spring's datasource settings for a service that should use this PostgreSQL. */
    public Map<String, Object> springProperties() {
        return Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "");
    }

    /** Stops the server at once ({@code pg_ctl stop -m fast}): open connections are cut. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the server (again) on the same port and data, and waits until it takes connections. */
    public synchronized void restart() throws IOException {
        stop();
        server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false)
                .setServerConfig("fsync", "off").start();
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() throws IOException {
        stop();
        org.springframework.util.FileSystemUtils.deleteRecursively(data);
    }
}
