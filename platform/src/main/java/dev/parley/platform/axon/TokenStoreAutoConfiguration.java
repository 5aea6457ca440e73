package dev.parley.platform.axon;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The token store of every Axon processor in a Parley process (the command side's events publisher, the
 * projections): Axon's JDBC store in PostgreSQL, with an owner name unique to this application context.
 * Processors claim segments by owner, and the default owner (pid@host) is shared by every context of one
 * JVM, which let two contexts both believe they held a claim and publish the same events twice.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, beforeName = {
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
        "org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration"})
@ConditionalOnClass({JdbcTokenStore.class, DataSource.class})
@ConditionalOnBean(DataSource.class)
public class TokenStoreAutoConfiguration {

    @Bean
    TokenStore tokenStore(DataSource dataSource, @Qualifier("serializer") Serializer serializer) {
        // Joins the processor's Spring transaction and unit of work, as Axon's own JDBC set-up does.
        ConnectionProvider connections = new UnitOfWorkAwareConnectionProviderWrapper(
                new SpringDataSourceConnectionProvider(dataSource));
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(TokenSchema.builder().build())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8))
                .build();
    }
}
