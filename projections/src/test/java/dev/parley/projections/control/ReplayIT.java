package dev.parley.projections.control;

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
import dev.parley.platform.redis.RedisKeys;
import dev.parley.projections.ProjectionIT;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A replay requested as the admin API requests it rebuilds read models equal to what they were: the
 * conversation tables after they were emptied, and the member sets in Redis after they were lost.
 */
class ReplayIT extends ProjectionIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final List<String> CONVERSATION_TABLES = List.of("conversations", "members_by_conversation",
            "conversations_by_user", "messages", "conversations_by_day", "conversation_days");

    @Autowired
    CqlSession cassandra;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate postgres;

    @Test
    void aReplayRebuildsEmptiedTablesAndLostMemberSetsAsTheyWere() throws Exception {
        ConversationId group = ConversationId.newGroup();
        UserId ada = UserId.random();
        UserId bob = UserId.random();
        UserId cy = UserId.random();
        List<Object> history = new ArrayList<>(List.of(
                new GroupCreated(group, ada, "Book club", List.of(ada, bob), T0),
                new MembersAdded(group, ada, List.of(cy), T0.plusSeconds(1))));
        for (long seq = 1; seq <= 30; seq++) {
            UserId sender = List.of(ada, bob, cy).get((int) (seq % 3));
            history.add(new MessageSent(group, MessageId.random(), seq, sender, "c-" + seq, "m" + seq, null, T0.plusSeconds(seq)));
        }
        history.add(new MessagesRead(group, bob, 25, T0.plusSeconds(40)));
        history.add(new GroupRenamed(group, ada, "Reading club", T0.plusSeconds(41)));
        history.add(new MemberLeft(group, ada, bob, T0.plusSeconds(42)));
        events.publishHistory(topics.events().name(), "Conversation", group.value(), 0, history);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(redis.opsForSet().members(RedisKeys.members(group))).containsExactlyInAnyOrder(bob.value(), cy.value());
            // Every event's rows: the last message (written after the rest of its batch), the title, Ada gone
            // and Bob the admin (the last event).
            Row row = cassandra.execute("SELECT title, last_seq FROM conversations WHERE conversation_id = ?", group.value()).one();
            assertThat(row == null ? null : row.getString("title")).isEqualTo("Reading club");
            assertThat(row.getLong("last_seq")).isEqualTo(30);
            assertThat(cassandra.execute("SELECT user_id, admin FROM members_by_conversation WHERE conversation_id = ?",
                    group.value()).all().stream().map(member -> member.getString("user_id") + ":" + member.getBoolean("admin")))
                    .containsExactlyInAnyOrder(bob.value() + ":true", cy.value() + ":false");
        });
        Map<String, Object> before = rowsOf(group, List.of(ada, bob, cy));
        Set<String> membersBefore = redis.opsForSet().members(RedisKeys.members(group));

        // Lost: every conversation table (TRUNCATE, which leaves no tombstones to hide replayed writes) and the set.
        CONVERSATION_TABLES.forEach(table -> cassandra.execute("TRUNCATE " + table));
        redis.delete(RedisKeys.members(group));
        request("conversations");
        request("membership");

        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(postgres.queryForList("SELECT state FROM projection_replays WHERE name IN ('conversations',"
                        + " 'membership')", String.class)).containsOnly("done"));

        assertThat(rowsOf(group, List.of(ada, bob, cy))).isEqualTo(before);
        assertThat(redis.opsForSet().members(RedisKeys.members(group))).isEqualTo(membersBefore);
        // The nodes report the rebuilt read model as caught up, not replaying.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(postgres.queryForList("SELECT replaying FROM projection_status WHERE name = 'conversations'"
                        + " AND updated_at > now() - interval '10 seconds'", Boolean.class)).containsOnly(false));
    }

    /** What the admin API's POST /admin/projections/{name}/replay writes. */
    private void request(String name) {
        postgres.update("INSERT INTO projection_replays (name, state, requested_at) VALUES (?, 'requested', now())"
                + " ON CONFLICT (name) DO UPDATE SET state = 'requested', requested_at = now(), started_at = NULL,"
                + " finished_at = NULL", name);
    }

    /** Every row of every conversation table that concerns the conversation, as text. */
    private Map<String, Object> rowsOf(ConversationId conversation, List<UserId> users) {
        Map<String, Object> rows = new TreeMap<>();
        rows.put("conversation", formatted("SELECT * FROM conversations WHERE conversation_id = ?", conversation.value()));
        rows.put("members", formatted("SELECT * FROM members_by_conversation WHERE conversation_id = ?", conversation.value()));
        rows.put("messages", formatted("SELECT * FROM messages WHERE conversation_id = ? AND bucket = 0", conversation.value()));
        rows.put("by day", formatted("SELECT * FROM conversations_by_day WHERE day = ? AND created_at = ?",
                LocalDate.ofInstant(T0, ZoneOffset.UTC), T0));
        for (UserId user : users) {
            rows.put("by user " + user, formatted("SELECT * FROM conversations_by_user WHERE user_id = ?", user.value()));
        }
        return rows;
    }

    private List<String> formatted(String query, Object... values) {
        return cassandra.execute(query, values).all().stream().map(Row::getFormattedContents).toList();
    }
}
