package dev.parley.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.command.TestAccounts;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.transport.CommandSender;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.TopicReader;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The guarantees of the events publisher: each stored event reaches the events topic once its transaction
 * commits, in its conversation's order; nothing that was not stored is published; events whose node died
 * between the commit and Kafka's acknowledgement are published by whoever takes over.
 */
@SpringBootTest(properties = "parley.commands.client-enabled=true")
@UsesRealServers
class EventsPublishingIT {

    private static final int ALL_COMMAND_PARTITIONS = 12;

    @Autowired
    CommandSender remote;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    EventOutbox outbox;
    @Autowired
    OutboxRecovery recovery;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    KafkaTopicsProperties topics;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private TopicReader topic;
    private UserId sender;

    @BeforeEach
    void readTheEventsTopicFromItsEnd() {
        topic = TopicReader.fromNow(topics.events().name());
    }

    @AfterEach
    void close() {
        topic.close();
    }

    @Test
    void aBatchsEventsReachTheTopicInSeqOrderAndLeaveNoOutboxRow() {
        ConversationId conversation = directConversation();

        List<CompletableFuture<MessageAccepted>> sends = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            sends.add(remote.send(new SendMessage(conversation, sender, "c-" + i, "text " + i, null), MessageAccepted.class));
        }
        sends.forEach(CompletableFuture::join);

        assertThat(messageSeqsOnTheTopic(conversation, 20))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(Long::valueOf).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRowsNaming(conversation) == 0);
    }

    @Test
    void aCommandRolledBackInItsBatchPublishesNothing() throws Exception {
        ConversationId conversation = directConversation();
        UserId outsider = TestAccounts.register(jdbc);
        MessageListenerContainer consumer = listeners.getListenerContainer("parley-commands");

        // Held back while sent, the commands reach the consumer in one poll: one transaction with refusals in it.
        consumer.pause();
        await().atMost(Duration.ofSeconds(10)).until(consumer::isContainerPaused);
        List<CompletableFuture<MessageAccepted>> sends = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sends.add(remote.send(new SendMessage(conversation, sender, "c-" + i, "text " + i, null), MessageAccepted.class));
            sends.add(remote.send(new SendMessage(conversation, outsider, "x-" + i, "let me in", null), MessageAccepted.class));
        }
        Thread.sleep(300);
        consumer.resume();
        long refused = sends.stream().filter(send -> send.handle((accepted, failure) ->
                failure != null && ((Refused) failure.getCause()).code() == ErrorCode.FORBIDDEN).join()).count();

        assertThat(refused).isEqualTo(5);
        assertThat(messageSeqsOnTheTopic(conversation, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
        List<String> later = new ArrayList<>();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).pollInSameThread().untilAsserted(() -> {
            later.addAll(topic.poll(conversation.value()));
            assertThat(later).as("no refused send, no sixth message").noneMatch(value -> value.contains("let me in"))
                    .noneMatch(value -> value.contains("\"seq\":6"));
        });
    }

    @Test
    void eventsStoredByANodeThatDiedBeforePublishingThemGoOutWhenTheirPartitionIsTakenOver() {
        ConversationId conversation = directConversation();
        assertThat(remote.sendAndWait(new SendMessage(conversation, sender, "c-1", "before", null), MessageAccepted.class).seq())
                .isEqualTo(1);
        assertThat(messageSeqsOnTheTopic(conversation, 1)).containsExactly(1L);
        // Its acknowledged row is gone, as a node handing partitions over deletes its rows first.
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRowsNaming(conversation) == 0);

        // What a node leaves when it dies right after committing: the events and their outbox row, nothing sent.
        storedButNeverSent(conversation, sender, 2, 3, allCommandPartitions());

        // Its partitions are assigned to a live consumer: Kafka calls the container's rebalance listener with
        // them before that consumer's next poll. (Called here directly: restarting this node's consumers is
        // not enough, since another test's cached context in the same group may hold the partition all along
        // and decide the next command before it hears of the rebalance, which no real row can meet: a row
        // names only partitions its writer held.)
        MessageListenerContainer consumer = listeners.getListenerContainer("parley-commands");
        ConsumerAwareRebalanceListener onRebalance =
                (ConsumerAwareRebalanceListener) consumer.getContainerProperties().getConsumerRebalanceListener();
        onRebalance.onPartitionsAssigned(null, allCommandPartitions().stream()
                .map(partition -> new TopicPartition(topics.commands().name(), partition)).toList());
        MessageAccepted next = remote.sendAndWait(new SendMessage(conversation, sender, "c-4", "after", null), MessageAccepted.class);

        assertThat(next.seq()).isEqualTo(4);
        assertThat(messageSeqsOnTheTopic(conversation, 3)).containsExactly(2L, 3L, 4L);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRowsNaming(conversation) == 0);
    }

    @Test
    void anOrphanedRowIsPublishedByTheSweep() {
        ConversationId conversation = directConversation();

        UUID row = storedButNeverSent(conversation, sender, 1, 2, Set.of());
        jdbc.update("UPDATE event_outbox SET created_at = now() - interval '1 hour' WHERE id = ?", row);
        // The node's own scheduled sweep may hold the row (locked, skipped here) and publish it instead.
        recovery.sweepOrphans();

        assertThat(messageSeqsOnTheTopic(conversation, 2)).containsExactly(1L, 2L);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRowsNaming(conversation) == 0);
    }

    /** A new direct conversation whose creation has been read off the topic; {@link #sender} is a member. */
    private ConversationId directConversation() {
        sender = TestAccounts.register(jdbc);
        UserId bob = TestAccounts.register(jdbc);
        ConversationId conversation = remote.sendAndWait(OpenDirect.between(sender, bob), ConversationId.class);
        assertThat(topic.values(conversation.value(), 1, Duration.ofSeconds(30))).hasSize(1);
        return conversation;
    }

    /**
     * Appends messages {@code fromSeq..toSeq} and their outbox row in one transaction, and sends nothing. The
     * events take the aggregate's next sequence numbers, which run ahead of message seqs once a member's
     * first message has also recorded {@code FirstMessageSent}.
     */
    private UUID storedButNeverSent(ConversationId conversation, UserId sender, long fromSeq, long toSeq, Set<Integer> partitions) {
        UUID row = UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            long firstEvent = storage.lastSequenceNumberFor(conversation.value()).orElse(-1L) + 1;
            List<GenericDomainEventMessage<MessageSent>> events = new ArrayList<>();
            for (long seq = fromSeq; seq <= toSeq; seq++) {
                events.add(new GenericDomainEventMessage<>("Conversation", conversation.value(), firstEvent + seq - fromSeq,
                        new MessageSent(conversation, MessageId.random(), seq, sender, "lost-" + seq, "stored " + seq, null,
                                Instant.now())));
            }
            storage.appendEvents(events);
            outbox.insert(row, partitions, List.of(new StoredRange(conversation.value(), firstEvent, firstEvent + toSeq - fromSeq)));
        });
        return row;
    }

    private static Set<Integer> allCommandPartitions() {
        Set<Integer> all = new java.util.HashSet<>();
        IntStream.range(0, ALL_COMMAND_PARTITIONS).forEach(all::add);
        return all;
    }

    private long outboxRowsNaming(ConversationId conversation) {
        Long rows = jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE ? = ANY (aggregate_ids)", Long.class,
                conversation.value());
        return rows == null ? 0 : rows;
    }

    /** The seqs of the conversation's next message events on the topic, as {@link TopicReader#messageSeqs} reads them. */
    private List<Long> messageSeqsOnTheTopic(ConversationId conversation, int expected) {
        return topic.messageSeqs(conversation.value(), expected, Duration.ofSeconds(30));
    }
}
