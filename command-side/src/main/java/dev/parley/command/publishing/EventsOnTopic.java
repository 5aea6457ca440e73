package dev.parley.command.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.axonframework.messaging.Headers;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads the events topic back to tell which of some stored events are on it, by Axon's event identifier
 * (the {@code axon-message-id} header every published record carries).
 *
 * <p>Only the partitions the events' keys map to are read (the producer's own rule for keyed records:
 * murmur2 of the key), from the first record stamped at or after {@code notBefore}: a record is sent after
 * its event was stored, so its timestamp is not older than the event's, give or take the clocks' skew,
 * which the caller subtracts. A partition is read until all its expected events are found or its end (as
 * it was when the read began) is reached, so when nothing is missing the read stops near its start.
 */
@Component
class EventsOnTopic {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaProperties kafka;

    EventsOnTopic(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    /** The identifiers among {@code expected} found on {@code topic}; throws if {@code timeout} passes first. */
    Set<String> found(String topic, Collection<StoredEvent> expected, Instant notBefore, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            int partitions = consumer.partitionsFor(topic, timeout).size();
            Map<TopicPartition, Set<String>> missingByPartition = new HashMap<>();
            for (StoredEvent event : expected) {
                missingByPartition.computeIfAbsent(new TopicPartition(topic, partitionOf(event.aggregateId(), partitions)),
                        partition -> new HashSet<>()).add(event.eventId());
            }
            consumer.assign(missingByPartition.keySet());
            Map<TopicPartition, Long> ends = consumer.endOffsets(missingByPartition.keySet(), timeout);
            Map<TopicPartition, Long> from = new HashMap<>();
            missingByPartition.keySet().forEach(partition -> from.put(partition, notBefore.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(from, timeout);
            for (TopicPartition partition : missingByPartition.keySet()) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
            }
            Set<String> found = new HashSet<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done(consumer, missingByPartition, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " back within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    Header id = record.headers().lastHeader(Headers.MESSAGE_ID);
                    Set<String> missing = missingByPartition.get(new TopicPartition(record.topic(), record.partition()));
                    if (id != null && missing != null) {
                        String eventId = new String(id.value(), StandardCharsets.UTF_8);
                        if (missing.remove(eventId)) {
                            found.add(eventId);
                        }
                    }
                }
            }
            return found;
        }
    }

    /** Done when every partition has shown all its events, or been read to the end it had at the start. */
    private static boolean done(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Set<String>> missingByPartition,
                                Map<TopicPartition, Long> ends) {
        List<TopicPartition> reading = missingByPartition.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty() && consumer.position(entry.getKey()) < ends.get(entry.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        // Partitions with nothing left to look for stop taking the consumer's fetches.
        consumer.pause(missingByPartition.keySet().stream().filter(partition -> !reading.contains(partition)).toList());
        return reading.isEmpty();
    }

    /** The partition Kafka's producer chooses for a keyed record (its built-in partitioner). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>(kafka.buildConsumerProperties(null));
        // Assigned partitions and no group: the audit commits no offsets and joins no one's rebalance.
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }
}
