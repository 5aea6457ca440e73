package dev.parley.projections.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.user.UserRegistered;
import dev.parley.projections.ProjectionIT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event the projection cannot handle (its handler fails, or Cassandra refuses its write) is parked in
 * the dead-letter queue in PostgreSQL with the events after it in its sequence, and every other
 * conversation or user goes on being projected.
 */
class DeadLetterIT extends ProjectionIT {

    private static final Instant T0 = Instant.now();

    @Autowired
    CqlSession cassandra;
    @Autowired
    JdbcTemplate postgres;

    @Test
    void aFailingEventIsParkedWithItsSequenceAndTheOthersGoOn() throws Exception {
        ConversationId broken = ConversationId.newGroup();
        ConversationId healthy = ConversationId.newGroup();
        UserId ada = UserId.random();
        // A message without its id: the handler fails on it (as it would on any event it cannot read).
        events.publishHistory(topics.events().name(), "Conversation", broken.value(), 0, List.of(
                new GroupCreated(broken, ada, "broken", List.of(ada), T0),
                new MessageSent(broken, null, 1, ada, "c-1", "poison", null, T0),
                new MessageSent(broken, MessageId.random(), 2, ada, "c-2", "after it", null, T0)));
        events.publishHistory(topics.events().name(), "Conversation", healthy.value(), 0, List.of(
                new GroupCreated(healthy, ada, "healthy", List.of(ada), T0),
                new MessageSent(healthy, MessageId.random(), 1, ada, "c-1", "fine", null, T0)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lastSeq(healthy)).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters(broken))
                .containsExactly("1 dev.parley.kernel.conversation.MessageSent java.lang.NullPointerException",
                        "2 dev.parley.kernel.conversation.MessageSent null"));
        // The group's creation, before the failure, is projected; nothing after it is.
        assertThat(cassandra.execute("SELECT title FROM conversations WHERE conversation_id = ?", broken.value())
                .one().getString("title")).isEqualTo("broken");
        assertThat(lastSeq(broken)).isZero();
    }

    @Test
    void anEventWhoseWriteCassandraRefusesIsParkedAndTheOthersGoOn() throws Exception {
        // A username past Cassandra's 64 KiB key limit: the users projection's index write is refused
        // every time. (The command side never accepts such a name; a faulty producer could publish one.)
        UserId refused = UserId.random();
        UserId fine = UserId.random();
        events.publishHistory(topics.events().name(), "User", refused.value(), 0,
                List.of(new UserRegistered(refused, "zzz" + "x".repeat(70_000), "Too long", T0)));
        events.publishHistory(topics.events().name(), "User", fine.value(), 0,
                List.of(new UserRegistered(fine, "fine" + fine.value().substring(0, 8), "Fine", T0)));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(cassandra.execute(
                "SELECT display_name FROM users WHERE user_id = ?", fine.value()).one()).isNotNull());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(postgres.queryForList(
                "SELECT causetype FROM deadletterentry WHERE processinggroup = 'users' AND aggregateidentifier = ?",
                String.class, refused.value())).singleElement().asString().contains("InvalidQueryException"));
    }

    private long lastSeq(ConversationId conversation) {
        Row row = cassandra.execute("SELECT last_seq FROM conversations WHERE conversation_id = ?", conversation.value()).one();
        return row == null ? -1 : row.getLong("last_seq");
    }

    private List<String> deadLetters(ConversationId conversation) {
        return postgres.query("SELECT sequencenumber, payloadtype, causetype FROM deadletterentry"
                        + " WHERE processinggroup = 'conversations' AND aggregateidentifier = ? ORDER BY sequencenumber",
                (row, i) -> row.getLong(1) + " " + row.getString(2) + " " + row.getString(3), conversation.value());
    }
}
