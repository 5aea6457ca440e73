package dev.parley.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.postgresql.PGConnection;

/**
 * PostgreSQL from the binaries that zonky ships in Maven artifacts; runs as root and offline. Every
 * connection, over TCP or the Unix socket, must give the database user's password (SCRAM): a new data
 * folder gets the password from initdb, one from a version that trusted local connections gets it set
 * on its first start with this version.
 */
final class PostgresServer implements EmbeddedServer {

    private final InfraSettings.Postgres settings;
    private final Path home;
    private final Path dataDir;
    private EmbeddedPostgres postgres;
    private volatile Optional<ProcessHandle> postmaster = Optional.empty();

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
        Path initdbPassword = home.resolve("initdb-password");
        try {
            Files.createDirectories(home);
            boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (fresh) {
                PrivateFiles.write(initdbPassword, settings.password() + "\n");
                // zonky passes its "locale" settings to initdb as --name=value: so the superuser has its
                // password from the start, and the data folder never trusts anyone.
                builder.setLocaleConfig("pwfile", initdbPassword.toString());
                builder.setDataDirectoryCustomizer(dir -> writePasswordOnlyHba());
            }
            postgres = builder
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
                    // Always on: a commit returns once its WAL is written to the OS (on disk too when durable).
                    // Off, a killed postmaster lost the last commits' WAL from its shared memory: acknowledged
                    // messages gone, and their seqs given to the next messages (the fault suite saw it).
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    // zonky's own connections (its readiness check, the database set-up below) log in too.
                    .setConnectConfig("password", settings.password())
                    .start();
            postmaster = readPostmaster();
            if (trustsConnections()) {
                requirePasswords();
            }
            createDatabaseIfMissing();
        } catch (IOException | SQLException | RuntimeException e) {
            throw new ServerStartException(name(), logFile(), String.valueOf(e.getMessage()));
        } finally {
            deleteQuietly(initdbPassword);
        }
    }

    /** A data folder from a version before passwords: its pg_hba.conf lets local connections in unchecked. */
    private boolean trustsConnections() throws IOException {
        return Files.readAllLines(dataDir.resolve("pg_hba.conf")).stream()
                .map(String::trim)
                .filter(line -> !line.startsWith("#"))
                .anyMatch(line -> line.matches(".*\\btrust\\b.*"));
    }

    /**
     * Gives the user its password (hashed by the driver, so the clear text reaches no server log), then
     * makes every connection give it.
     */
    private void requirePasswords() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            connection.unwrap(PGConnection.class).alterUserPassword(settings.username(),
                    settings.password().toCharArray(), "scram-sha-256");
            writePasswordOnlyHba();
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    private void writePasswordOnlyHba() {
        try {
            PrivateFiles.write(dataDir.resolve("pg_hba.conf"), String.join("\n",
                    "# Written by Parley: every connection gives the user's password (SCRAM).",
                    "# TYPE  DATABASE  USER  ADDRESS       METHOD",
                    "local   all       all                 scram-sha-256",
                    "host    all       all   127.0.0.1/32  scram-sha-256",
                    "host    all       all   ::1/128       scram-sha-256",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // it is owner-only, and the next start overwrites it
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
            // Also after the postmaster died: it releases zonky's lock on the data folder, which a restart needs.
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // pg_ctl gave up waiting (it waits 5 s); the postmaster is stopped directly below
        }
        // pg_ctl may return before the postmaster has exited: only its exit frees the port and the data.
        postmaster.ifPresent(handle -> ChildProcess.terminate(handle, Duration.ofSeconds(30)));
        // pg_ctl starts the postmaster in a session of its own, so it leads its group. Backends of a postmaster
        // that was killed outlive it for a moment, attached to the shared memory that a new one must own.
        postmaster.ifPresent(handle -> ChildProcess.killGroup(handle.pid()));
        postmaster = Optional.empty();
        postgres = null;
    }

    @Override
    public Optional<ProcessHandle> process() {
        return postmaster.filter(ProcessHandle::isAlive);
    }

    @Override
    public String exitDescription() {
        return "exit code unknown: pg_ctl, not Parley, started the postmaster";
    }

    @Override
    public void kill() {
        postmaster.filter(ProcessHandle::isAlive).ifPresent(handle -> {
            ChildProcess.killGroup(handle.pid());
            handle.destroyForcibly();
        });
    }
}
