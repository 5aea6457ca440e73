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
import dev.parley.transport.CommandSender;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.RealServers;
import dev.parley.testing.ServiceProcess;
import dev.parley.testing.TopicReader;
import dev.parley.testing.UsesRealServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real crash between a commit and its publication: a command-side process whose producer cannot reach
 * Kafka joins the command side's consumer group, stores a message of a conversation on one of its
 * partitions, and is killed (SIGKILL) before anything reaches the events topic. The instance that takes
 * the partition over publishes the message before any later one of the conversation, and a retry of the
 * send gets the first answer.
 */
@SpringBootTest(properties = "parley.commands.client-enabled=true")
@UsesRealServers
class CrashBeforePublishingIT {

    /*
     * A commands topic and consumer group of this test's own: the doomed node's join waits for every member
     * of its group to rejoin, and the module's other contexts (kept alive for the rest of its run) would be
     * members of the shared group, each able to hold the rebalance up.
     */
    private static final String OWN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "parley.commands.crash-" + OWN;
    private static final String GROUP = "parley-command-side-crash-" + OWN;

    @DynamicPropertySource
    static void ownCommandsTopic(DynamicPropertyRegistry properties) {
        properties.add("parley.kafka.topics.commands.name", () -> TOPIC);
        properties.add("parley.commands.consumer-group", () -> GROUP);
    }

    @Autowired
    CommandSender remote;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTopicsProperties topics;

    @Test
    void aMessageStoredByANodeKilledBeforePublishingReachesTheTopicFirstAndIsAnsweredOnRetry() throws Exception {
        // A conversation on every partition of the commands topic, opened while the healthy nodes hold them all.
        Map<Integer, Conversation> byPartition = conversationOnEachPartition();
        String doomedClient = "doomed-" + UUID.randomUUID().toString().substring(0, 6);

        Conversation victim;
        try (ServiceProcess doomed = ServiceProcess.start("command-side", ServiceProcess.freePort(), doomedClient,
                "512m", List.of(
                        // It reads commands from the real broker but can send nothing: not its events, not its replies.
                        "--spring.kafka.producer.bootstrap-servers=127.0.0.1:9",
                        "--parley.kafka.topics.commands.name=" + TOPIC,
                        "--parley.commands.consumer-group=" + GROUP,
                        "--spring.kafka.producer.properties.max.block.ms=1000",
                        "--spring.kafka.consumer.client-id=" + doomedClient,
                        // Its death is noticed within seconds, not the default 45.
                        "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                        "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
                        "--parley.commands.consumers=1"))) {
            int partition = await().atMost(Duration.ofSeconds(60))
                    .until(() -> partitionsOf(doomedClient), held -> !held.isEmpty()).get(0);
            victim = byPartition.get(partition);
            SendMessage send = new SendMessage(victim.id(), victim.sender(), "c-crash", "stored, then the node died", null);
            Refused unanswered = catchThrowableOfType(Refused.class, () -> remote.sendAndWait(send, MessageAccepted.class));
            assertThat(unanswered.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            await().atMost(Duration.ofSeconds(30)).until(() -> storedMessages(victim.id()) == 1);
            assertThat(outboxRowsNaming(victim.id())).isEqualTo(1);
            doomed.kill();
            // Once its session has expired, its partitions belong to the healthy nodes again.
            await().atMost(Duration.ofSeconds(60)).until(() -> partitionsOf(doomedClient).isEmpty()
                    && heldPartitions() == topics.commands().partitions());
        }

        try (TopicReader topic = TopicReader.fromStart(topics.events().name())) {
            MessageAccepted retried = remote.sendAndWait(
                    new SendMessage(victim.id(), victim.sender(), "c-crash", "stored, then the node died", null),
                    MessageAccepted.class);
            MessageAccepted next = remote.sendAndWait(new SendMessage(victim.id(), victim.sender(), "c-next", "after", null),
                    MessageAccepted.class);

            assertThat(retried.seq()).isEqualTo(1);
            assertThat(next.seq()).isEqualTo(2);
            assertThat(storedMessages(victim.id())).isEqualTo(2);
            assertThat(topic.messageSeqs(victim.id().value(), 2, Duration.ofSeconds(60))).containsExactly(1L, 2L);
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRowsNaming(victim.id()) == 0);
        }
    }

    /** A direct conversation and one of its members. */
    private record Conversation(ConversationId id, UserId sender) {
    }

    private Map<Integer, Conversation> conversationOnEachPartition() {
        int partitions = topics.commands().partitions();
        Map<Integer, Conversation> byPartition = new HashMap<>();
        while (byPartition.size() < partitions) {
            UserId ada = TestAccounts.register(jdbc);
            UserId bob = TestAccounts.register(jdbc);
            int partition = partitionOf(ConversationId.direct(ada, bob), partitions);
            if (!byPartition.containsKey(partition)) {
                byPartition.put(partition, new Conversation(remote.sendAndWait(OpenDirect.between(ada, bob), ConversationId.class), ada));
            }
        }
        return byPartition;
    }

    /** The commands topic's partition of a conversation's commands, as Kafka's default partitioner picks it. */
    private static int partitionOf(ConversationId conversation, int partitions) {
        return Utils.toPositive(Utils.murmur2(conversation.value().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The partitions of the command side's consumer group held by consumers of this client id. */
    private List<Integer> partitionsOf(String clientId) throws Exception {
        return groupMembers().stream().filter(member -> member.clientId().startsWith(clientId))
                .flatMap(member -> member.assignment().topicPartitions().stream()).map(TopicPartition::partition).toList();
    }

    private int heldPartitions() throws Exception {
        return groupMembers().stream().mapToInt(member -> member.assignment().topicPartitions().size()).sum();
    }

    private Collection<MemberDescription> groupMembers() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealServers.endpoints().kafkaBootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members();
        }
    }

    private long storedMessages(ConversationId conversation) {
        return eventStore.readEvents(conversation.value(), 0).asStream()
                .filter(event -> event.getPayload() instanceof MessageSent).count();
    }

    private long outboxRowsNaming(ConversationId conversation) {
        Long rows = jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE ? = ANY (aggregate_ids)", Long.class,
                conversation.value());
        return rows == null ? 0 : rows;
    }
}
