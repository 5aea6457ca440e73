package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A test's own reader of one topic on the test servers' Kafka (a consumer group of its own), for checking
 * what was published under a key. Values are read as UTF-8 text. Each read takes the records it polls, so
 * a later read sees only what came after. The waits poll in the calling thread: a Kafka consumer must not
 * be used by two threads, and Awaitility would otherwise poll from a thread of its own.
 */
public final class TopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Pattern SEQ_FIELD = Pattern.compile("\"seq\":(\\d+)");

    private final KafkaConsumer<String, byte[]> consumer;

    private TopicReader(String topic, String offsetReset) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "topic-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
    }

    /** Every record of {@code topic}, from its first. */
    public static TopicReader fromStart(String topic) {
        return new TopicReader(topic, "earliest");
    }

    /** Only the records of {@code topic} published after this returns: it waits for the partitions and fixes their ends. */
    public static TopicReader fromNow(String topic) {
        TopicReader reader = new TopicReader(topic, "latest");
        KafkaConsumer<String, byte[]> consumer = reader.consumer;
        try {
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                consumer.poll(POLL);
                return !consumer.assignment().isEmpty();
            });
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position); // resolves the end now, before anything is published
            return reader;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The values under {@code key} that one poll brings, in topic order. */
    public List<String> poll(String key) {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            if (key.equals(record.key())) {
                values.add(new String(record.value(), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /**
     * The next values under {@code key}, in topic order, once at least {@code expected} have come; all that
     * the last poll brought are kept, so there may be more. Fails if they have not come within {@code timeout}.
     */
    public List<String> values(String key, int expected, Duration timeout) {
        List<String> values = new ArrayList<>();
        await().atMost(timeout).pollInSameThread().untilAsserted(() -> {
            values.addAll(poll(key));
            assertThat(values).as("values under %s", key).hasSizeGreaterThanOrEqualTo(expected);
        });
        return values;
    }

    /**
     * The seqs of the next message events under {@code key} (a conversation's id), in topic order, each at its
     * first arrival, once at least {@code expected} different ones have come. A partition that moves has its
     * unacknowledged outbox rows published again, so an event may come twice (the guarantee is at least once,
     * in order); other events (a conversation's creation) are skipped. Fails if they have not come within
     * {@code timeout}.
     */
    public List<Long> messageSeqs(String key, int expected, Duration timeout) {
        Set<Long> seqs = new LinkedHashSet<>();
        await().atMost(timeout).pollInSameThread().untilAsserted(() -> {
            for (String value : poll(key)) {
                Matcher seq = SEQ_FIELD.matcher(value);
                if (value.contains("\"messageId\"") && seq.find()) {
                    seqs.add(Long.parseLong(seq.group(1)));
                }
            }
            assertThat(seqs).as("message seqs under %s", key).hasSizeGreaterThanOrEqualTo(expected);
        });
        return List.copyOf(seqs);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
