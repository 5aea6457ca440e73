package dev.parley.infra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Makes sure Parley's login role opens the embedded node (password authenticator). On the first start
 * with authentication, new data folder or one from a version without it, the node has only its default
 * {@code cassandra} superuser with the well-known password: Parley's role is created with it, and the
 * default one then loses its login, its superuser status and its known password.
 */
final class CassandraLoginRole {

    private static final String DEFAULT_ROLE = "cassandra";
    /** The node creates its default role a moment after its CQL port opens. */
    private static final Duration DEFAULT_ROLE_WAIT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * A role change hashes its password (bcrypt) and writes system_auth: the driver's 2 s default has
     * been too short for it on a machine busy with other builds.
     */
    private static final Duration SETUP_QUERY_TIMEOUT = Duration.ofSeconds(60);

    private final InfraSettings.Cassandra settings;
    private final java.nio.file.Path logFile;

    CassandraLoginRole(InfraSettings.Cassandra settings, java.nio.file.Path logFile) {
        this.settings = settings;
        this.logFile = logFile;
    }

    void ensure() throws ServerStartException, InterruptedException {
        try {
            setUp();
        } catch (DriverException e) {
            throw new ServerStartException("cassandra", logFile, "could not set up its login role: " + e.getMessage());
        }
    }

    private void setUp() throws ServerStartException, InterruptedException {
        if (opens(settings.username(), settings.password())) {
            return;
        }
        long deadline = System.nanoTime() + DEFAULT_ROLE_WAIT.toNanos();
        while (true) {
            try (CqlSession admin = session(DEFAULT_ROLE, DEFAULT_ROLE)) {
                admin.execute("CREATE ROLE IF NOT EXISTS \"" + settings.username().replace("\"", "\"\"")
                        + "\" WITH PASSWORD = '" + settings.password().replace("'", "''") + "' AND LOGIN = true AND SUPERUSER = true");
                break;
            } catch (AllNodesFailedException refused) {
                if (!isAuthentication(refused)) {
                    throw new ServerStartException("cassandra", logFile, "cannot set up its login role: " + refused.getMessage());
                }
                if (System.nanoTime() > deadline) {
                    throw new ServerStartException("cassandra", logFile, "neither the password in "
                            + InfraSettings.PREFIX + "cassandra.password (the launcher keeps it in <data>/secrets) nor"
                            + " the default superuser opens this node's data; restore the secret file that"
                            + " belongs to this data folder");
                }
                Thread.sleep(500);
            }
        }
        try (CqlSession parley = session(settings.username(), settings.password())) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            parley.execute("ALTER ROLE " + DEFAULT_ROLE + " WITH PASSWORD = '"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
                    + "' AND LOGIN = false AND SUPERUSER = false");
        }
    }

    private boolean opens(String username, String password) throws ServerStartException {
        try (CqlSession ignored = session(username, password)) {
            return true;
        } catch (AllNodesFailedException refused) {
            if (isAuthentication(refused)) {
                return false;
            }
            throw new ServerStartException("cassandra", logFile, "cannot log in: " + refused.getMessage());
        }
    }

    private CqlSession session(String username, String password) {
        return CqlSession.builder()
                // A loader per session: a session closes its loader with itself.
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, SETUP_QUERY_TIMEOUT)
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, SETUP_QUERY_TIMEOUT)
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, SETUP_QUERY_TIMEOUT)
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, SETUP_QUERY_TIMEOUT)
                        .build())
                .addContactPoint(new InetSocketAddress("127.0.0.1", settings.port()))
                .withLocalDatacenter(settings.datacenter())
                .withAuthCredentials(username, password)
                .build();
    }

    private static boolean isAuthentication(AllNodesFailedException e) {
        return e.getAllErrors().values().stream().flatMap(java.util.List::stream)
                .anyMatch(error -> error instanceof AuthenticationException);
    }
}
