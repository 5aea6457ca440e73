package dev.parley.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach each server, embedded or external, with the credentials it requires, and the Spring
 * properties that say the same. {@code kafkaLogin} is null when Kafka takes clients without one, the
 * other credentials blank.
 */
public record InfraEndpoints(
        String jdbcUrl,
        String jdbcUsername,
        String jdbcPassword,
        String kafkaBootstrapServers,
        String cassandraContactPoint,
        String cassandraDatacenter,
        String redisUrl,
        String redisPassword,
        String cassandraUsername,
        String cassandraPassword,
        KafkaLogin kafkaLogin,
        String s3Endpoint,
        String s3AccessKey,
        String s3SecretKey,
        String s3Region) {

    public static InfraEndpoints of(InfraSettings s) {
        var pg = s.postgres();
        String jdbcUrl = pg.embedded()
                ? "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + pg.database()
                : pg.externalJdbcUrl();
        return new InfraEndpoints(
                jdbcUrl, pg.username(), pg.password(),
                s.kafka().embedded() ? "127.0.0.1:" + s.kafka().port() : s.kafka().externalBootstrapServers(),
                s.cassandra().embedded() ? "127.0.0.1:" + s.cassandra().port() : s.cassandra().externalContactPoint(),
                s.cassandra().datacenter(),
                s.redis().embedded() ? "redis://127.0.0.1:" + s.redis().port() : s.redis().externalUrl(),
                s.redis().password(),
                s.cassandra().requiresLogin() ? s.cassandra().username() : "",
                s.cassandra().password(),
                s.kafka().requiresLogin() ? new KafkaLogin(s.kafka().username(), s.kafka().password()) : null,
                s.s3().embedded() ? "http://127.0.0.1:" + s.s3().port() : s.s3().externalEndpoint(),
                s.s3().accessKey(), s.s3().secretKey(), s.s3().region());
    }

    /** The Spring Boot (and Parley) properties that point an application at these servers. */
    public Map<String, Object> springProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", jdbcUsername);
        p.put("spring.datasource.password", jdbcPassword);
        p.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        p.put("spring.cassandra.contact-points", cassandraContactPoint);
        p.put("spring.cassandra.local-datacenter", cassandraDatacenter);
        p.put("spring.data.redis.url", redisUrlWithPassword());
        if (!InfraSettings.isBlank(cassandraPassword)) {
            p.put("spring.cassandra.username", cassandraUsername);
            p.put("spring.cassandra.password", cassandraPassword);
        }
        if (kafkaLogin != null) {
            // Spring's clients (admin, commands) and Axon's (the events topic) are configured apart.
            p.put("spring.kafka.security.protocol", "SASL_PLAINTEXT");
            kafkaLogin.clientProperties().forEach((key, value) -> {
                p.put("spring.kafka.properties." + key, value);
                p.put("axon.kafka.properties." + key, value);
            });
        }
        p.put("parley.s3.endpoint", s3Endpoint);
        p.put("parley.s3.access-key", s3AccessKey);
        p.put("parley.s3.secret-key", s3SecretKey);
        p.put("parley.s3.region", s3Region);
        return p;
    }

    /**
     * Spring Boot takes Redis's password from the URL when a URL is set, so the password goes into it
     * (unless the URL already names one).
     */
    private String redisUrlWithPassword() {
        if (InfraSettings.isBlank(redisPassword) || !redisUrl.startsWith("redis://") || redisUrl.contains("@")) {
            return redisUrl;
        }
        return "redis://:" + redisPassword + "@" + redisUrl.substring("redis://".length());
    }

    /** Leaves the secrets out, so that the endpoints can be printed or logged. */
    @Override
    public String toString() {
        return "InfraEndpoints[jdbc=" + jdbcUrl + ", kafka=" + kafkaBootstrapServers + ", cassandra="
                + cassandraContactPoint + ", redis=" + redisUrl + ", s3=" + s3Endpoint + "]";
    }
}
