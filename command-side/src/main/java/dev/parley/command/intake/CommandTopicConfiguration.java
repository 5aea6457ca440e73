package dev.parley.command.intake;

import dev.parley.command.publishing.EventsPublisher;
import dev.parley.command.publishing.OutboxRecovery;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/** The consumers of the commands topic: raw bytes in, a polled batch at a time. */
@Configuration(proxyBeanMethods = false)
class CommandTopicConfiguration {

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> commandListenerFactory(
            KafkaProperties kafka, @Qualifier("conversationCache") Cache conversationCache,
            OutboxRecovery recovery, EventsPublisher events) {
        Map<String, Object> consumer = kafka.buildConsumerProperties(null);
        // A command is answered once decided; its offset is committed after that (at least once).
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()));
        // Offsets are committed without waiting after each batch, so the next poll is not held up by a
        // broker round trip. A commit lost in a crash only redelivers commands, which are decided
        // idempotently (a repeated send gets its first answer) just as after any crash before a commit.
        factory.getContainerProperties().setSyncCommits(false);
        // Partitions that move away may come back later: what this instance cached of them is stale by then.
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                // Before any new command of these partitions: their events stored but maybe never sent
                // (the previous owner crashed) go out first, so each conversation's events stay in order.
                recovery.republishPartitions(partitions.stream().map(TopicPartition::partition).toList());
            }

            @Override
            public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                // Every batch of these partitions is acknowledged by now; their rows go before the next owner looks.
                events.forgetAcknowledgedNow();
            }

            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    conversationCache.removeAll();
                }
            }
        });
        return factory;
    }
}
