package dev.parley.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.command.TestAccounts;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.RealServers;
import dev.parley.testing.UsesRealServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stored events reach the events topic keyed by their conversation, in the order they were stored. */
@SpringBootTest
@UsesRealServers
class EventsToKafkaIT {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTopicsProperties topics;

    private UserId registered() {
        return TestAccounts.register(jdbc);
    }

    @Test
    void aConversationsEventsArePublishedUnderItsIdInSeqOrder() {
        UserId ada = registered();
        UserId bob = registered();
        ConversationId conversation = commands.sendAndWait(OpenDirect.between(ada, bob));
        for (int i = 1; i <= 5; i++) {
            commands.sendAndWait(new SendMessage(conversation, i % 2 == 0 ? bob : ada, "c-" + i, "text " + i, null));
        }

        List<String> published = readEventsOf(conversation, 6);

        assertThat(published.get(0)).contains("\"memberIds\"");
        for (int seq = 1; seq <= 5; seq++) {
            assertThat(published.get(seq)).contains("\"seq\":" + seq).contains("\"text\":\"text " + seq + "\"");
        }
    }

    /** Every record of the events topic under this key, from the start, until {@code expected} arrived. */
    private List<String> readEventsOf(ConversationId conversation, int expected) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "events-to-kafka-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topics.events().name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (conversation.value().equals(record.key())) {
                        values.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertThat(values).as("events published under %s", conversation).hasSize(expected);
        return values;
    }
}
