package dev.parley.projections.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.GroupRenamed;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.MessagesRead;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.RealServers;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Events in on the events topic, in the command side's format (Axon's Kafka message converter), rows
 * out in Cassandra; the same events again change nothing.
 */
@SpringBootTest
@UsesRealServers
class ConversationProjectionIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    CqlSession cassandra;
    @Autowired
    KafkaMessageConverter<String, byte[]> converter;
    @Autowired
    KafkaTopicsProperties topics;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealServers.endpoints().kafkaBootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        producer.close();
    }

    /** Publishes a conversation's events as the command side's publisher would: keyed by conversation, in order. */
    private void publish(ConversationId conversation, List<Object> events) throws Exception {
        for (int i = 0; i < events.size(); i++) {
            var message = new GenericDomainEventMessage<>("Conversation", conversation.value(), i, events.get(i));
            ProducerRecord<String, byte[]> record = converter.createKafkaMessage(message, topics.events().name());
            producer.send(record).get();
        }
    }

    private static MessageSent sent(ConversationId conversation, long seq, UserId sender, String text) {
        return new MessageSent(conversation, MessageId.random(), seq, sender, "c-" + seq, text, null, T0.plusSeconds(seq));
    }

    @Test
    void aGroupsHistoryBecomesItsRowsAndTheSameEventsAgainChangeNothing() throws Exception {
        ConversationId group = ConversationId.newGroup();
        UserId ada = UserId.random();
        UserId bob = UserId.random();
        UserId cy = UserId.random();
        List<Object> history = new ArrayList<>(List.of(
                new GroupCreated(group, ada, "Book club", List.of(ada, bob), T0),
                new MembersAdded(group, ada, List.of(cy), T0),
                sent(group, 1, ada, "hello"),
                sent(group, 2, bob, "hi ada"),
                new MessagesRead(group, cy, 2, T0.plusSeconds(5)),
                new GroupRenamed(group, bob, "Reading club", T0.plusSeconds(6)),
                new MemberLeft(group, ada, bob, T0.plusSeconds(7)),
                sent(group, 3, cy, "bye ada")));
        publish(group, history);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lastSeq(group)).isEqualTo(3));
        Map<String, Object> rows = rowsOf(group, List.of(ada, bob, cy));

        assertThat(cassandra.execute("SELECT kind, title, created_by, last_text, last_sender_id FROM conversations"
                + " WHERE conversation_id = ?", group.value()).one())
                .satisfies(row -> {
                    assertThat(row.getString("kind")).isEqualTo("group");
                    assertThat(row.getString("title")).isEqualTo("Reading club");
                    assertThat(row.getString("created_by")).isEqualTo(ada.value());
                    assertThat(row.getString("last_text")).isEqualTo("bye ada");
                    assertThat(row.getString("last_sender_id")).isEqualTo(cy.value());
                });
        assertThat(members(group)).containsExactlyInAnyOrder(
                bob.value() + " admin delivered=0 read=0 own=2",
                cy.value() + " member delivered=0 read=2 own=3");
        assertThat(cassandra.execute("SELECT conversation_id FROM conversations_by_user WHERE user_id = ?", ada.value())
                .all()).isEmpty();
        assertThat(cassandra.execute("SELECT conversation_id FROM conversations_by_user WHERE user_id = ?", bob.value())
                .one().getString("conversation_id")).isEqualTo(group.value());
        assertThat(cassandra.execute("SELECT kind FROM conversations_by_user WHERE user_id = ?", cy.value())
                .one().getString("kind")).isEqualTo("group");
        LocalDate day = LocalDate.ofInstant(T0, ZoneOffset.UTC);
        assertThat(cassandra.execute("SELECT kind FROM conversations_by_day WHERE day = ? AND created_at = ?"
                + " AND conversation_id = ?", day, T0, group.value()).one().getString("kind")).isEqualTo("group");
        assertThat(cassandra.execute("SELECT day FROM conversation_days WHERE shard = 0 AND day = ?", day).one()).isNotNull();
        assertThat(cassandra.execute("SELECT seq, text FROM messages WHERE conversation_id = ? AND bucket = 0",
                group.value()).all().stream().map(row -> row.getLong("seq") + ":" + row.getString("text")).toList())
                .containsExactly("1:hello", "2:hi ada", "3:bye ada");

        // A redelivery of the whole history (a publisher that crashed before saving its position), then a
        // marker from another conversation to know when it has all been handled.
        publish(group, history);
        ConversationId marker = ConversationId.newGroup();
        UserId dan = UserId.random();
        publish(marker, List.of(new GroupCreated(marker, dan, "marker", List.of(dan), T0), sent(marker, 1, dan, "done")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lastSeq(marker)).isEqualTo(1));

        assertThat(rowsOf(group, List.of(ada, bob, cy))).isEqualTo(rows);
    }

    @Test
    void historiesPublishedAtOnceAcrossPartitionsAreAllProjected() throws Exception {
        // Interleaved as many conversations' events are on the topic: records of several partitions in
        // each fetch. (The Kafka extension's own buffer once made the projection skip some of them.)
        List<ConversationId> groups = new ArrayList<>();
        List<List<Object>> histories = new ArrayList<>();
        for (int g = 0; g < 16; g++) {
            ConversationId group = ConversationId.newGroup();
            UserId owner = UserId.random();
            List<Object> history = new ArrayList<>(List.of(new GroupCreated(group, owner, "g" + g, List.of(owner), T0)));
            for (long seq = 1; seq <= 20; seq++) {
                history.add(sent(group, seq, owner, "m" + seq));
            }
            groups.add(group);
            histories.add(history);
        }
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            for (int g = 0; g < groups.size(); g++) {
                var message = new GenericDomainEventMessage<>("Conversation", groups.get(g).value(), i, histories.get(g).get(i));
                sends.add(producer.send(converter.createKafkaMessage(message, topics.events().name())));
            }
        }
        for (var send : sends) {
            send.get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(groups.stream().map(this::lastSeq).toList()).containsOnly(20L));
    }

    private long lastSeq(ConversationId conversation) {
        Row row = cassandra.execute("SELECT last_seq FROM conversations WHERE conversation_id = ?", conversation.value()).one();
        return row == null ? 0 : row.getLong("last_seq");
    }

    private List<String> members(ConversationId conversation) {
        return cassandra.execute("SELECT user_id, admin, delivered_seq, read_seq, own_last_seq FROM members_by_conversation"
                        + " WHERE conversation_id = ?", conversation.value()).all().stream()
                .map(row -> row.getString("user_id") + (row.getBoolean("admin") ? " admin" : " member")
                        + " delivered=" + row.getLong("delivered_seq") + " read=" + row.getLong("read_seq")
                        + " own=" + row.getLong("own_last_seq"))
                .toList();
    }

    /** Every row of every table that concerns the conversation, as text, for comparing before and after. */
    private Map<String, Object> rowsOf(ConversationId conversation, List<UserId> users) {
        Map<String, Object> rows = new TreeMap<>();
        rows.put("conversation", cassandra.execute("SELECT * FROM conversations WHERE conversation_id = ?",
                conversation.value()).one().getFormattedContents());
        rows.put("members", members(conversation));
        rows.put("messages", cassandra.execute("SELECT * FROM messages WHERE conversation_id = ? AND bucket = 0",
                conversation.value()).all().stream().map(Row::getFormattedContents).toList());
        for (UserId user : users) {
            rows.put("by user " + user, cassandra.execute("SELECT * FROM conversations_by_user WHERE user_id = ?",
                    user.value()).all().stream().map(Row::getFormattedContents).toList());
        }
        return rows;
    }
}
