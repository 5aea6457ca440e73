package dev.parley.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/** PostgreSQL from the binaries that zonky ships in Maven artifacts; runs as root and offline. */
final class PostgresServer implements EmbeddedServer {

    private final InfraSettings.Postgres settings;
    private final Path home;
    private final Path dataDir;
    private EmbeddedPostgres postgres;
    private Optional<ProcessHandle> postmaster = Optional.empty();

    PostgresServer(InfraSettings.Postgres settings, Path infraDataDir) {
        this.settings = settings;
        this.home = infraDataDir.resolve("postgres");
        this.dataDir = home.resolve("data");
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Path logFile() {
        return home.resolve("postgres.log");
    }

    @Override
    public Optional<Long> stopLeftover() {
        // PostgreSQL keeps its own pid file; the data directory is on its command line.
        return ChildProcess.stopLeftover(dataDir.resolve("postmaster.pid"), dataDir.toString(), Duration.ofSeconds(20));
    }

    @Override
    public void checkPreconditions() throws ServerStartException {
        ChildProcess.requireFreePort(name(), "postgres.port", settings.port());
    }

    @Override
    public void start() throws ServerStartException {
        try {
            Files.createDirectories(home);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(home.resolve("binaries").toFile())
                    .setPort(settings.port())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // zonky starts PostgreSQL with fsync and synchronous_commit off; a later -c wins.
                    .setServerConfig("fsync", settings.durable() ? "on" : "off")
                    .setServerConfig("synchronous_commit", settings.durable() ? "on" : "off")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            createDatabaseIfMissing();
            postmaster = readPostmaster();
        } catch (IOException | SQLException | RuntimeException e) {
            throw new ServerStartException(name(), logFile(), String.valueOf(e.getMessage()));
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT 1 FROM pg_database WHERE datname = '" + settings.database().replace("'", "''") + "'")) {
            if (!rows.next()) {
                statement.execute("CREATE DATABASE \"" + settings.database().replace("\"", "") + "\"");
            }
        }
    }

    private Optional<ProcessHandle> readPostmaster() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid);
    }

    @Override
    public void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // pg_ctl gave up waiting (it waits 5 s); the postmaster is stopped directly below
        }
        // pg_ctl may return before the postmaster has exited: only its exit frees the port and the data.
        postmaster.ifPresent(handle -> ChildProcess.terminate(handle, Duration.ofSeconds(30)));
        postgres = null;
    }
}
