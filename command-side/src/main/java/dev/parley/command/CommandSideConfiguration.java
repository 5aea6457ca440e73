package dev.parley.command;

import dev.parley.command.conversation.ConversationLimits;
import dev.parley.command.user.BlockLimits;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the command side's aggregates are given: the limits, how commands find them. Its periodic checks (the
 * outbox sweep, the publication audit, the revocations check) run on Spring's scheduler.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ConversationLimits.class, BlockLimits.class})
class CommandSideConfiguration {

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
     * Snapshots are taken on a thread of their own, in a transaction of their own, after the command that
     * triggered one: not inside the command consumer's batch, whose commit a failed snapshot would take
     * down, and not on the path a message waits on. A snapshot taken before the batch commits only holds
     * an older state, which is as valid. When the queue is full a snapshot is skipped: a later one comes.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration axon,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager axonTransactionManager,
                                                    SnapshotterSpanFactory spanFactory,
                                                    SnapshotThread snapshotThread) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(axonTransactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotThread.executor())
                .build();
    }

    /** Not a bean of type {@code Executor}, which would stand in for Spring Boot's task executor. */
    @Bean(destroyMethod = "close")
    SnapshotThread snapshotThread() {
        return new SnapshotThread(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000),
                runnable -> new Thread(runnable, "parley-snapshots"), new ThreadPoolExecutor.DiscardPolicy()));
    }

    /** The snapshotter's one thread, stopped with the context. */
    record SnapshotThread(ThreadPoolExecutor executor) implements AutoCloseable {
        @Override
        public void close() {
            executor.shutdown();
        }
    }

    /** Units of work join the command consumer's batch transaction (see {@link JoinedTransactions}). */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new JoinedTransactions(transactions);
    }

    /** Named in each {@code @Aggregate}: the kernel's commands carry no Axon annotation. */
    @Bean
    AggregateTargets aggregateTargets() {
        return new AggregateTargets();
    }
}
