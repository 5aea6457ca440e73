package dev.parley.command;

import dev.parley.command.conversation.ConversationLimits;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
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

    /**
     * Conversations recently decided here, so that a command does not replay the conversation's history.
     * Safe because the commands topic is keyed by conversation: only this instance decides for the
     * conversations of its partitions, and the cache is emptied whenever partitions move (see
     * {@code CommandTopicConfiguration}). Entries are weakly held: the JVM reclaims them under pressure.
     */
    @Bean
    Cache conversationCache() {
        return new WeakReferenceCache();
    }

    /**
     * The events publisher's processor reads, sends and acknowledges a batch per transaction: at Axon's
     * default of one event a transaction it publishes about 190 events a second here, far below the
     * write rate. (The Kafka extension registers the processor; this sets its configuration by name.)
     */
    @Bean
    ConfigurerModule eventsPublisherBatching(@Value("${axon.kafka.publisher.processing-group}") String publisher) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(publisher,
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(200));
    }

    /** Named in each {@code @Aggregate}: the kernel's commands carry no Axon annotation. */
    @Bean
    AggregateTargets aggregateTargets() {
        return new AggregateTargets();
    }
}
