package dev.parley.standalone;

import dev.parley.infra.InfraSettings;
import dev.parley.infra.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * The secrets a laptop run needs and nobody configured: the token signing key, the admin account's
 * password and a credential for each embedded server, generated on the first start into
 * {@code <data>/secrets} and reused after, so tokens, the password and the servers' data stay usable
 * across restarts. The folder and each file are owner-only from the moment they exist.
 */
final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PASSWORD_BYTES = 24;
    private final Path dir;

    private LocalSecrets(Path dir) {
        this.dir = dir;
    }

    static LocalSecrets in(Path dataDir) {
        return new LocalSecrets(dataDir.resolve("secrets"));
    }

    /** Properties for each secret of Parley's own that the environment does not set. */
    Map<String, Object> missingFrom(Environment environment) {
        Map<String, Object> properties = new HashMap<>();
        if (!environment.containsProperty("parley.auth.jwt-secret")) {
            properties.put("parley.auth.jwt-secret", readOrCreate("jwt-secret", 48));
        }
        if (!environment.containsProperty("parley.auth.admin.username")) {
            Path passwordFile = dir.resolve("admin-password");
            properties.put("parley.auth.admin.username", "admin");
            properties.put("parley.auth.admin.password", readOrCreate("admin-password", 18));
            System.out.println("[parley] admin account: admin, password in " + passwordFile);
        }
        return properties;
    }

    /**
     * {@code parley.infra.*} credentials for each embedded server whose credential the environment does
     * not set; an external server keeps what it is configured with.
     */
    Map<String, String> serverCredentials(InfraSettings servers, Environment environment) {
        Map<String, String> credentials = new HashMap<>();
        if (servers.postgres().embedded()) {
            generateUnlessSet(credentials, environment, "postgres.password", "postgres-password");
        }
        if (servers.kafka().embedded()) {
            generateUnlessSet(credentials, environment, "kafka.password", "kafka-password");
        }
        if (servers.cassandra().embedded()) {
            generateUnlessSet(credentials, environment, "cassandra.password", "cassandra-password");
        }
        if (servers.redis().embedded()) {
            generateUnlessSet(credentials, environment, "redis.password", "redis-password");
        }
        if (servers.s3().embedded()) {
            generateUnlessSet(credentials, environment, "s3.access-key", "s3-access-key");
            generateUnlessSet(credentials, environment, "s3.secret-key", "s3-secret-key");
        }
        return credentials;
    }

    private void generateUnlessSet(Map<String, String> credentials, Environment environment, String setting,
                                   String file) {
        String key = InfraSettings.PREFIX + setting;
        if (!environment.containsProperty(key)) {
            credentials.put(key, readOrCreate(file, PASSWORD_BYTES));
        }
    }

    private String readOrCreate(String name, int randomBytes) {
        Path file = dir.resolve(name);
        byte[] bytes = new byte[randomBytes];
        RANDOM.nextBytes(bytes);
        try {
            return PrivateFiles.createOrRead(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + file, e);
        }
    }
}
