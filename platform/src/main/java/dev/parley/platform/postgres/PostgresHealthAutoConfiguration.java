package dev.parley.platform.postgres;

import javax.sql.DataSource;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reports PostgreSQL's health under the name {@code postgres} (Boot's own indicator says {@code db}; the
 * services switch that one off with {@code management.health.db.enabled=false}). Keyed on the configured
 * URL (and JDBC on the classpath) rather than on a DataSource bean: bean conditions depend on
 * auto-configuration order, which the standalone launcher's mix of Axon and Spring Data changes.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({DataSourceHealthIndicator.class, JdbcTemplate.class})
@ConditionalOnProperty(prefix = "spring.datasource", name = "url")
public class PostgresHealthAutoConfiguration {

    @Bean
    DataSourceHealthIndicator postgresHealthIndicator(DataSource dataSource) {
        return new DataSourceHealthIndicator(dataSource, "SELECT 1");
    }
}
