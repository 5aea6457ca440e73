package dev.parley.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import java.io.IOException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cassandra.CassandraAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Replaces Boot's session with one bound to Parley's keyspace, after bringing the keyspace and its tables
 * up to the newest migration: a session cannot open a keyspace that does not exist yet.
 */
@AutoConfiguration(before = CassandraAutoConfiguration.class)
@ConditionalOnClass(CqlSession.class)
@EnableConfigurationProperties(CassandraSchemaProperties.class)
public class CassandraPlatformAutoConfiguration {

    @Bean(destroyMethod = "close")
    CqlSession cassandraSession(CqlSessionBuilder builder, CassandraSchemaProperties properties)
            throws IOException {
        if (properties.migrate()) {
            try (CqlSession admin = builder.build()) {
                new CassandraMigrations(admin, properties, new PathMatchingResourcePatternResolver()).apply();
            }
        }
        return builder.withKeyspace(properties.keyspace()).build();
    }
}
