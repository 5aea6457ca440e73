package dev.parley.platform.cassandra;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Parley's keyspace and how its schema is kept. {@code replication} is CQL map text; a production
 * cluster wants NetworkTopologyStrategy with a factor of 3 per data centre.
 */
@ConfigurationProperties("parley.cassandra")
public record CassandraSchemaProperties(
        @DefaultValue("parley") String keyspace,
        @DefaultValue("{'class': 'SimpleStrategy', 'replication_factor': 1}") String replication,
        @DefaultValue("true") boolean migrate,
        @DefaultValue("30s") Duration schemaTimeout) {
}
