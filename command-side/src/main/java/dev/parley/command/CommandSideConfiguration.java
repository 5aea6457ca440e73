package dev.parley.command;

import dev.parley.command.conversation.ConversationLimits;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the command side's aggregates are given: the clock, the limits, how commands find them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationLimits.class)
class CommandSideConfiguration {

    /** Event times come from here, so that a test can fix them. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Axon's JDBC token store, with an owner name unique to this application context: processors claim
     * segments by owner, and the default owner (pid@host) is shared by every context of one JVM, which
     * let two contexts both believe they held a claim and publish the same events twice.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connections, @Qualifier("serializer") Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(TokenSchema.builder().build())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8))
                .build();
    }

    /** Named in each {@code @Aggregate}: the kernel's commands carry no Axon annotation. */
    @Bean
    AggregateTargets aggregateTargets() {
        return new AggregateTargets();
    }
}
