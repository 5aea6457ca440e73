package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.support.SendResult;

/** Checks shared by the modules' tests: what a service's health says, and reading a sent record back. */
public final class ServerChecks {

    private ServerChecks() {
    }

    /** Asserts that {@code /actuator/health} lists each component, and each is UP. */
    public static void assertHealthUp(int port, String... components) throws Exception {
        String body = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode health = new ObjectMapper().readTree(body);
        for (String component : components) {
            assertThat(health.path("components").path(component).path("status").asText())
                    .as("health of %s in %s", component, body)
                    .isEqualTo("UP");
        }
    }

    /** Reads back, with a consumer of its own, the record that a send put on the broker. */
    public static ConsumerRecord<String, String> readBack(String bootstrapServers, SendResult<String, String> sent) {
        var metadata = sent.getRecordMetadata();
        TopicPartition partition = new TopicPartition(metadata.topic(), metadata.partition());
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, metadata.offset());
            // In this thread: a Kafka consumer must not be used by two.
            return await("record at " + partition + "@" + metadata.offset() + " read back").atMost(Duration.ofSeconds(20))
                    .pollInSameThread().until(() -> recordAt(consumer, metadata.offset()), Objects::nonNull);
        }
    }

    private static ConsumerRecord<String, String> recordAt(KafkaConsumer<String, String> consumer, long offset) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            if (record.offset() == offset) {
                return record;
            }
        }
        return null;
    }
}
