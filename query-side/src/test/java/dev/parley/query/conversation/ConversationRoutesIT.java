package dev.parley.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageBuckets;
import dev.parley.query.RouteClient.Answer;
import dev.parley.query.RouteClient;
import dev.parley.testing.UsesRealServers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The conversation routes over read-model rows in the real Cassandra (written here as the projections
 * write them): members get their summaries and pages of messages, everyone else is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the rows are written once, for every test
class ConversationRoutesIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @LocalServerPort
    int port;
    @Autowired
    CqlSession cassandra;
    @Autowired
    JwtEncoder tokens;

    private final UserId ada = UserId.random();
    private final UserId bob = UserId.random();
    private final UserId eve = UserId.random();
    private final ConversationId chat = ConversationId.direct(ada, bob);
    private final ConversationId group = ConversationId.newGroup();

    @BeforeAll
    void readModels() {
        conversation(chat, "direct", null, 2_345, T0.plusSeconds(100), List.of(ada, bob));
        conversation(group, "group", "Book club", 1, T0.plusSeconds(200), List.of(ada, eve));
        // Ada has read up to 2,000 of the direct chat; Bob has read all of it.
        cassandra.execute("UPDATE members_by_conversation SET delivered_seq = 2100, read_seq = 2000"
                + " WHERE conversation_id = ? AND user_id = ?", chat.value(), ada.value());
        cassandra.execute("UPDATE members_by_conversation SET delivered_seq = 2345, read_seq = 2345"
                + " WHERE conversation_id = ? AND user_id = ?", chat.value(), bob.value());
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (long seq = 1; seq <= 2_345; seq++) {
            writes.add(message(chat, seq, seq % 2 == 0 ? bob : ada));
            if (writes.size() == 200) { // a bounded number in flight: the driver refuses more than a connection takes
                writes.forEach(CompletableFuture::join);
                writes.clear();
            }
        }
        writes.add(message(group, 1, eve));
        writes.forEach(CompletableFuture::join);
    }

    private void conversation(ConversationId id, String kind, String title, long lastSeq, Instant updatedAt, List<UserId> members) {
        cassandra.execute("INSERT INTO conversations (conversation_id, kind, title, created_by, created_at, updated_at,"
                        + " last_seq, last_message_id, last_sender_id, last_client_msg_id, last_sent_at, last_text)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id.value(), kind, title, members.get(0).value(), T0, updatedAt, lastSeq, "m-" + lastSeq,
                members.get(1).value(), "c-" + lastSeq, updatedAt, "text " + lastSeq);
        for (UserId member : members) {
            cassandra.execute("INSERT INTO members_by_conversation (conversation_id, user_id, admin, joined_at)"
                    + " VALUES (?, ?, false, ?)", id.value(), member.value(), T0);
            cassandra.execute("INSERT INTO conversations_by_user (user_id, conversation_id, joined_at) VALUES (?, ?, ?)",
                    member.value(), id.value(), T0);
        }
    }

    private CompletableFuture<?> message(ConversationId id, long seq, UserId sender) {
        return cassandra.executeAsync("INSERT INTO messages (conversation_id, bucket, seq, message_id, sender_id, client_msg_id,"
                        + " sent_at, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id.value(), MessageBuckets.of(seq), seq,
                "m-" + seq, sender.value(), "c-" + seq, T0.plusMillis(seq), "text " + seq).toCompletableFuture();
    }

    private Answer get(String path, UserId user) throws Exception {
        RouteClient routes = new RouteClient(port, tokens);
        return routes.get(path, user == null ? null : routes.token(user, "user"));
    }

    private static List<Long> seqs(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false).map(message -> message.path("seq").asLong()).toList();
    }

    @Test
    void aMemberSeesTheirConversationsNewestFirstWithTheirOwnWatermarks() throws Exception {
        Answer answer = get("/api/conversations", ada);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode list = answer.body().path("conversations");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("conversationId").asText()).isEqualTo(group.value());
        assertThat(list.get(0).path("title").asText()).isEqualTo("Book club");
        JsonNode direct = list.get(1);
        assertThat(direct.path("kind").asText()).isEqualTo("direct");
        assertThat(direct.path("lastSeq").asLong()).isEqualTo(2_345);
        assertThat(direct.path("deliveredSeq").asLong()).isEqualTo(2_100);
        assertThat(direct.path("readSeq").asLong()).isEqualTo(2_000);
        assertThat(direct.path("unread").asLong()).isEqualTo(345);
        assertThat(direct.path("memberIds")).hasSize(2);
        assertThat(direct.path("lastMessage").path("text").asText()).isEqualTo("text 2345");
        assertThat(get("/api/conversations", bob).body().path("conversations")).hasSize(1);
    }

    @Test
    void messagesComeInPagesAcrossBucketsAscendingBySeq() throws Exception {
        Answer latest = get("/api/conversations/" + chat.value() + "/messages", ada);
        Answer afterPage = get("/api/conversations/" + chat.value() + "/messages?afterSeq=990&limit=20", bob);
        Answer beforePage = get("/api/conversations/" + chat.value() + "/messages?beforeSeq=2005&limit=10", ada);
        Answer fromStart = get("/api/conversations/" + chat.value() + "/messages?afterSeq=0&limit=3", ada);

        assertThat(seqs(latest.body().path("messages"))).isEqualTo(LongStream.rangeClosed(2_296, 2_345).boxed().toList());
        assertThat(seqs(afterPage.body().path("messages"))).isEqualTo(LongStream.rangeClosed(991, 1_010).boxed().toList());
        assertThat(seqs(beforePage.body().path("messages"))).isEqualTo(LongStream.rangeClosed(1_995, 2_004).boxed().toList());
        assertThat(seqs(fromStart.body().path("messages"))).containsExactly(1L, 2L, 3L);
        JsonNode first = fromStart.body().path("messages").get(0);
        assertThat(first.path("senderId").asText()).isEqualTo(ada.value());
        assertThat(first.path("clientMsgId").asText()).isEqualTo("c-1");
        assertThat(first.path("text").asText()).isEqualTo("text 1");
    }

    @Test
    void nonMembersStrangersAndBadPagesAreRefused() throws Exception {
        List<Answer> answers = new ArrayList<>();
        answers.add(get("/api/conversations/" + chat.value() + "/messages", eve));
        answers.add(get("/api/conversations/" + ConversationId.newGroup().value() + "/messages", eve));
        Answer anonymous = get("/api/conversations", null);
        Answer anonymousMessages = get("/api/conversations/" + chat.value() + "/messages", null);
        Answer tooMany = get("/api/conversations/" + chat.value() + "/messages?limit=101", ada);
        Answer both = get("/api/conversations/" + chat.value() + "/messages?afterSeq=1&beforeSeq=5", ada);

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().path("code").asText()).isEqualTo("FORBIDDEN");
        });
        assertThat(List.of(anonymous.status(), anonymousMessages.status())).containsOnly(401);
        assertThat(List.of(tooMany.status(), both.status())).containsOnly(400);
    }
}
