package dev.parley.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the embedded servers keep their data, which ports they listen on, and which of them are replaced
 * by external servers. Read from {@code parley.infra.*} keys, so the same names work as system
 * properties, Spring properties and (upper-cased, dots and dashes to underscores) environment variables.
 */
public record InfraSettings(
        Path dataDir,
        Duration startTimeout,
        Duration stopTimeout,
        Restarts restarts,
        Postgres postgres,
        Kafka kafka,
        Cassandra cassandra,
        Redis redis,
        S3 s3) {

    /**
     * How an embedded server whose process exits unasked is started again: after {@code firstDelay}, then
     * twice as long after each failed attempt up to {@code maxDelay}; a server that then runs for
     * {@code stableAfter} starts again from {@code firstDelay} when it next exits.
     */
    public record Restarts(boolean enabled, Duration firstDelay, Duration maxDelay, Duration stableAfter) {
    }

    /*
     * An external server replaces an embedded one when its address is set. The credentials are the
     * embedded server's own (required from clients) or the external one's (given to it).
     */
    /**
     * {@code durable}: every commit waits until its WAL is on disk ({@code fsync} on), so an acknowledged
     * message survives a power cut. Tests turn it off; a commit still waits until its WAL is written to the
     * OS ({@code synchronous_commit} stays on), so it survives a killed PostgreSQL either way.
     */
    public record Postgres(int port, String externalJdbcUrl, String username, String password, String database,
                           boolean durable) {
        public boolean embedded() {
            return isBlank(externalJdbcUrl);
        }
    }

    /** {@code password}: when set, the embedded broker takes only SASL PLAIN clients that give it. */
    public record Kafka(int port, int controllerPort, String externalBootstrapServers, int heapMb, String username,
                        String password) {
        public boolean embedded() {
            return isBlank(externalBootstrapServers);
        }

        public boolean requiresLogin() {
            return !isBlank(password);
        }
    }

    /**
     * {@code password}: when set, the embedded node runs Cassandra's password authenticator, with a login
     * role of this name and password, and the default {@code cassandra} superuser cannot log in.
     */
    public record Cassandra(int port, int storagePort, String externalContactPoint, String datacenter,
                            String javaHome, int heapMb, String username, String password) {
        public boolean embedded() {
            return isBlank(externalContactPoint);
        }

        public boolean requiresLogin() {
            return !isBlank(password);
        }
    }

    /** {@code password}: when set, the embedded server answers only clients that give it. */
    public record Redis(int port, String externalUrl, boolean persistent, String password) {
        public boolean embedded() {
            return isBlank(externalUrl);
        }

        public boolean requiresLogin() {
            return !isBlank(password);
        }
    }

    public record S3(int port, String externalEndpoint, String accessKey, String secretKey, String region) {
        public boolean embedded() {
            return isBlank(externalEndpoint);
        }
    }

    public static final String PREFIX = "parley.infra.";

    /** Default ports sit away from each server's standard port, so a Parley run and a local install coexist. */
    public static InfraSettings from(Function<String, String> lookup) {
        Reader r = new Reader(lookup);
        return new InfraSettings(
                Path.of(r.text("data-dir", "./data")).toAbsolutePath().normalize(),
                Duration.ofSeconds(r.number("start-timeout-seconds", 180)),
                // Within the whole process's bound (parley.shutdown.timeout, 30 s), after Parley's own stop.
                Duration.ofSeconds(r.number("stop-timeout-seconds", 15)),
                new Restarts(Boolean.parseBoolean(r.text("restart.enabled", "true")),
                        Duration.ofMillis(r.number("restart.first-delay-ms", 1000)),
                        Duration.ofSeconds(r.number("restart.max-delay-seconds", 30)),
                        Duration.ofSeconds(r.number("restart.stable-after-seconds", 60))),
                new Postgres(r.number("postgres.port", 15432), r.text("postgres.jdbc-url", ""),
                        r.text("postgres.username", "postgres"), r.text("postgres.password", "postgres"),
                        r.text("postgres.database", "parley"),
                        Boolean.parseBoolean(r.text("postgres.durable", "true"))),
                new Kafka(r.number("kafka.port", 19092), r.number("kafka.controller-port", 19093),
                        r.text("kafka.bootstrap-servers", ""), r.number("kafka.heap-mb", 512),
                        r.text("kafka.username", "parley"), r.text("kafka.password", "")),
                new Cassandra(r.number("cassandra.port", 19042), r.number("cassandra.storage-port", 17000),
                        r.text("cassandra.contact-point", ""), r.text("cassandra.datacenter", "datacenter1"),
                        r.text("cassandra.java-home", ""), r.number("cassandra.heap-mb", 1024),
                        r.text("cassandra.username", "parley"), r.text("cassandra.password", "")),
                new Redis(r.number("redis.port", 16379), r.text("redis.url", ""),
                        Boolean.parseBoolean(r.text("redis.persistent", "true")), r.text("redis.password", "")),
                // No default keys: each run of an embedded S3 server is given its own (the launcher generates them).
                new S3(r.number("s3.port", 19000), r.text("s3.endpoint", ""), r.text("s3.access-key", ""),
                        r.text("s3.secret-key", ""), r.text("s3.region", "us-east-1")));
    }

    /** Looks a key up in the given map, then in system properties, then in the environment. */
    public static InfraSettings from(Map<String, String> overrides) {
        return from(key -> {
            String value = overrides.get(key);
            if (value == null) {
                value = System.getProperty(key);
            }
            if (value == null) {
                value = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
            }
            return value;
        });
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private record Reader(Function<String, String> lookup) {
        String text(String key, String fallback) {
            String value = lookup.apply(PREFIX + key);
            return value == null ? fallback : value.trim();
        }

        int number(String key, int fallback) {
            String value = text(key, null);
            if (isBlank(value)) {
                return fallback;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PREFIX + key + " must be a whole number, was '" + value + "'");
            }
        }
    }
}
