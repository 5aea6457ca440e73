package dev.parley.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/** How to reach each server, embedded or external, and the Spring properties that say the same. */
public record InfraEndpoints(
        String jdbcUrl,
        String jdbcUsername,
        String jdbcPassword,
        String kafkaBootstrapServers,
        String cassandraContactPoint,
        String cassandraDatacenter,
        String redisUrl,
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
        p.put("spring.data.redis.url", redisUrl);
        p.put("parley.s3.endpoint", s3Endpoint);
        p.put("parley.s3.access-key", s3AccessKey);
        p.put("parley.s3.secret-key", s3SecretKey);
        p.put("parley.s3.region", s3Region);
        return p;
    }
}
