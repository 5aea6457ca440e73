package dev.parley.readmodel.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.query.AdminMessagesOf;
import dev.parley.kernel.query.ChatMessage;
import dev.parley.readmodel.Stub;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which buckets a page of history reads, with Cassandra held in memory: a conversation whose row says
 * {@code last_seq} and whose messages table answers no rows, so a page walks every bucket it may.
 */
class ConversationReadsTest {

    private static final ConversationId GROUP = new ConversationId("g:team");
    /** Past this many bucket reads for one page, the walk is taken as endless. */
    private static final int ENDLESS = 1_000;

    private final List<Long> bucketsRead = new ArrayList<>();

    @Test
    void aPageAfterASeqReadsFromItsBucketToTheLastSeqsBucket() {
        ConversationReads reads = new ConversationReads(cassandraWithLastSeq(2_500), null, null);

        List<ChatMessage> page = reads.messages(new AdminMessagesOf(GROUP, 998, 50));

        assertThat(page).isEmpty();
        assertThat(bucketsRead).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aPageAfterTheLastSeqReadsAtMostItsBucket() {
        ConversationReads reads = new ConversationReads(cassandraWithLastSeq(2_500), null, null);

        reads.messages(new AdminMessagesOf(GROUP, 2_500, 50));

        assertThat(bucketsRead).containsExactly(2L);
    }

    /**
     * A valid afterSeq (any member's history frame or an admin's afterSeq parameter may name it): its
     * successor overflowed to Long.MIN_VALUE, and the page walked about 9.2e15 buckets up to the last one.
     */
    @Test
    void aPageAfterTheLargestSeqIsEmptyAndReadsAtMostOneBucket() {
        ConversationReads reads = new ConversationReads(cassandraWithLastSeq(2_500), null, null);

        List<ChatMessage> page = reads.messages(new AdminMessagesOf(GROUP, Long.MAX_VALUE, 50));

        assertThat(page).isEmpty();
        assertThat(bucketsRead).hasSizeLessThanOrEqualTo(1).allMatch(bucket -> bucket >= 0);
    }

    /** The conversation's row holds {@code lastSeq}; the messages table answers no rows and counts the buckets read. */
    private CqlSession cassandraWithLastSeq(long lastSeq) {
        Row conversation = Stub.of(Row.class, Map.of("getLong", (Stub.Answer) args -> lastSeq, "isNull", false));
        ResultSet conversationRow = Stub.of(ResultSet.class, Map.of("one", conversation));
        ResultSet noMessages = Stub.of(ResultSet.class, Map.of("iterator", (Stub.Answer) args -> Collections.emptyIterator()));
        Stub.Answer execute = args -> {
            BoundStatement statement = (BoundStatement) args[0];
            String query = statement.getPreparedStatement().getQuery();
            if (query.startsWith("SELECT * FROM conversations ")) {
                return conversationRow;
            }
            if (query.startsWith("SELECT * FROM messages WHERE conversation_id = ? AND bucket = ? AND seq > ?")) {
                bucketsRead.add((Long) statement.getObject(1));
                assertThat(bucketsRead).as("buckets read for one page").hasSizeLessThan(ENDLESS);
                return noMessages;
            }
            throw new AssertionError("not expected on this path: " + query);
        };
        return Stub.of(CqlSession.class, Map.of("prepare", (Stub.Answer) args -> prepared((String) args[0]), "execute", execute));
    }

    /** A prepared statement whose bound statements keep their query and values. */
    private static PreparedStatement prepared(String query) {
        PreparedStatement[] self = new PreparedStatement[1];
        self[0] = Stub.of(PreparedStatement.class, Map.of("getQuery", query, "bind", (Stub.Answer) args -> {
            Object[] values = (Object[]) args[0];
            return Stub.of(BoundStatement.class, Map.of("getPreparedStatement", self[0],
                    "getObject", (Stub.Answer) at -> values[(Integer) at[0]]));
        }));
        return self[0];
    }
}
