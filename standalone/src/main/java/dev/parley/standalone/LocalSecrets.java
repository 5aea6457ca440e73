package dev.parley.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * The secrets a laptop run needs and nobody configured: the token signing key and the admin account's
 * password, generated on the first start into {@code <data>/secrets} (readable by the owner only) and
 * reused after, so tokens and the password survive a restart.
 */
final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path dir;

    private LocalSecrets(Path dir) {
        this.dir = dir;
    }

    static LocalSecrets in(Path dataDir) {
        return new LocalSecrets(dataDir.resolve("secrets"));
    }

    /** Properties for each secret the environment does not set. */
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

    private String readOrCreate(String name, int randomBytes) {
        Path file = dir.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dir);
            byte[] bytes = new byte[randomBytes];
            RANDOM.nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, secret);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's own permissions apply
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + file, e);
        }
    }
}
