package dev.parley.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.parley.command.TestAccounts;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.platform.commands.RemoteCommands;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.RealServers;
import dev.parley.testing.ServiceProcess;
import dev.parley.testing.UsesRealServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A real crash between a commit and its publication: a command-side process whose producer cannot reach
 * Kafka stores a message and is then killed (SIGKILL) before anything reaches the events topic. The
 * instance that takes its partitions over publishes the message, before any later one of the conversation,
 * and a retry of the send gets the first answer.
 */
@SpringBootTest(properties = "parley.commands.client-enabled=true")
@UsesRealServers
class CrashBeforePublishingIT {

    @Autowired
    RemoteCommands remote;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTopicsProperties topics;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aMessageStoredByANodeKilledBeforePublishingReachesTheTopicFirstAndIsAnsweredOnRetry() throws Exception {
        UserId ada = TestAccounts.register(jdbc);
        UserId bob = TestAccounts.register(jdbc);
        ConversationId conversation = remote.sendAndWait(OpenDirect.between(ada, bob), ConversationId.class);
        MessageListenerContainer here = listeners.getListenerContainer("parley-commands");
        here.stop(); // the other node is to decide every command

        try (ServiceProcess doomed = ServiceProcess.start("command-side", ServiceProcess.freePort(),
                "command-doomed-" + UUID.randomUUID().toString().substring(0, 6), "512m", List.of(
                        // It reads commands from the real broker but can send nothing: not its events, not its replies.
                        "--spring.kafka.producer.bootstrap-servers=127.0.0.1:9",
                        "--spring.kafka.producer.properties.max.block.ms=1000",
                        // Its death is noticed within seconds, not the default 45.
                        "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                        "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
                        // One consumer, so that the group shows it alone with every partition.
                        "--parley.commands.consumers=1"))) {
            awaitOneMemberHoldingEveryCommandPartition();
            SendMessage send = new SendMessage(conversation, ada, "c-crash", "stored, then the node died", null);
            Refused unanswered = catchThrowableOfType(Refused.class, () -> remote.sendAndWait(send, MessageAccepted.class));
            assertThat(unanswered.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            await().atMost(Duration.ofSeconds(30)).until(() -> storedMessages(conversation) == 1);
            assertThat(outboxRowsNaming(conversation)).isEqualTo(1);
            doomed.kill();
        }

        try (KafkaConsumer<String, byte[]> topic = eventsTopicFromTheStart()) {
            here.start();
            // Once the dead node's session has expired, every partition is here, its outbox rows published first.
            await().atMost(Duration.ofSeconds(60)).until(() -> here.getAssignedPartitions() != null
                    && here.getAssignedPartitions().size() == topics.commands().partitions());
            MessageAccepted retried = remote.sendAndWait(
                    new SendMessage(conversation, ada, "c-crash", "stored, then the node died", null), MessageAccepted.class);
            MessageAccepted next = remote.sendAndWait(new SendMessage(conversation, bob, "c-next", "after", null),
                    MessageAccepted.class);

            assertThat(retried.seq()).isEqualTo(1);
            assertThat(next.seq()).isEqualTo(2);
            assertThat(storedMessages(conversation)).isEqualTo(2);
            assertThat(messageSeqsOnTheTopic(topic, conversation, 2)).containsExactly(1L, 2L);
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRowsNaming(conversation) == 0);
        }
    }

    /** The doomed node alone in the command side's consumer group, with every partition. */
    private void awaitOneMemberHoldingEveryCommandPartition() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealServers.endpoints().kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                var group = admin.describeConsumerGroups(List.of("parley-command-side")).all().get().get("parley-command-side");
                assertThat(group.members()).as("members of %s", group).hasSize(1);
                assertThat(group.members().iterator().next().assignment().topicPartitions()).as("partitions of %s", group)
                        .hasSize(topics.commands().partitions());
            });
        }
    }

    private long storedMessages(ConversationId conversation) {
        return eventStore.readEvents(conversation.value()).asStream()
                .filter(event -> event.getPayload() instanceof MessageSent).count();
    }

    private long outboxRowsNaming(ConversationId conversation) {
        Long rows = jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE ? = ANY (aggregate_ids)", Long.class,
                conversation.value());
        return rows == null ? 0 : rows;
    }

    private KafkaConsumer<String, byte[]> eventsTopicFromTheStart() {
        var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "crash-before-publishing-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topics.events().name()));
        return consumer;
    }

    /** The seqs of the conversation's message events on the topic, in topic order, once {@code expected} are there. */
    private static List<Long> messageSeqsOnTheTopic(KafkaConsumer<String, byte[]> topic, ConversationId conversation,
                                                    int expected) {
        Pattern seq = Pattern.compile("\"seq\":(\\d+)");
        List<Long> seqs = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seqs.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : topic.poll(Duration.ofMillis(200))) {
                String value = new String(record.value(), StandardCharsets.UTF_8);
                Matcher matcher = seq.matcher(value);
                if (conversation.value().equals(record.key()) && value.contains("\"messageId\"") && matcher.find()) {
                    seqs.add(Long.parseLong(matcher.group(1)));
                }
            }
        }
        return seqs;
    }
}
