package dev.parley.command;

import dev.parley.command.conversation.ConversationLimits;
import java.time.Clock;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

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
     * Conversations recently decided here, so that a command does not replay the conversation's history.
     * Safe because the commands topic is keyed by conversation: only this instance decides for the
     * conversations of its partitions, and the cache is emptied whenever partitions move (see
     * {@code CommandTopicConfiguration}). Held strongly and bounded by count: weakly held entries (Axon's
     * {@code WeakReferenceCache}) were gone after nearly every young collection, and with them the point.
     */
    @Bean(destroyMethod = "close")
    CacheManager conversationCacheManager(ConversationLimits limits) {
        return CacheManagerBuilder.newCacheManagerBuilder()
                .withCache("conversations", CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        Object.class, Object.class, ResourcePoolsBuilder.heap(limits.cachedConversations())))
                .build(true);
    }

    @Bean
    Cache conversationCache(CacheManager conversationCacheManager) {
        // Axon's adapter takes Ehcache's implementation type, which a heap-only cache of this manager is.
        return new EhCache3Adapter((Ehcache) conversationCacheManager.getCache("conversations", Object.class, Object.class));
    }

    /**
     * A conversation is snapshotted every {@code parley.conversations.snapshot-every} events, so that one
     * the cache does not hold loads from its snapshot and the events after it, however long its history.
     * The threshold weighs a snapshot's cost against replaying events: see docs/benchmarks.md.
     */
    @Bean
    SnapshotTriggerDefinition conversationSnapshots(Snapshotter snapshotter, ConversationLimits limits) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, limits.snapshotEvery());
    }

    /**
     * Axon's unit of work joins the caller's transaction behind a savepoint: the command consumer decides
     * a whole polled batch in one transaction, and a command that fails rolls back to its savepoint
     * alone instead of taking the batch with it. Without a caller's transaction (the REST routes) this starts a transaction of its own, as before.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions,
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
    }

    /** Named in each {@code @Aggregate}: the kernel's commands carry no Axon annotation. */
    @Bean
    AggregateTargets aggregateTargets() {
        return new AggregateTargets();
    }
}
