package dev.parley.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.readmodel.membership.MemberSets;
import dev.parley.readmodel.conversation.MessageBuckets;
import dev.parley.kernel.query.ChatMessage;
import dev.parley.readmodel.conversation.RoutedMessages;
import dev.parley.query.RouteClient.Answer;
import dev.parley.query.RouteClient;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * write them): members get their summaries and pages of messages, everyone else is refused. A
 * conversation whose read model trails what the push fan-out has routed (recorded in the real Redis as
 * the fan-out records it) is answered with every routed message too.
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
    @Autowired
    RoutedMessages routed;
    @Autowired
    MemberSets memberSets;

    private final UserId ada = UserId.random();
    private final UserId bob = UserId.random();
    private final UserId eve = UserId.random();
    private final ConversationId chat = ConversationId.direct(ada, bob);
    private final ConversationId group = ConversationId.newGroup();
    /** The read model holds 1 to 3 of it; the fan-out has routed up to 6 (carl sent 6). */
    private final UserId carl = UserId.random();
    private final UserId dana = UserId.random();
    private final ConversationId trailing = ConversationId.direct(carl, dana);
    /** The read model holds 1 and 2; the fan-out still keeps 5 and 6, no longer 3 and 4. */
    private final ConversationId farBehind = ConversationId.newGroup();
    /** Carl made it with Dana: the fan-out has its member set and routed 1 and 2; the read model has no row of it yet. */
    private final ConversationId justMade = ConversationId.newGroup();

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
        conversation(trailing, "direct", null, 3, T0.plusMillis(3), List.of(carl, dana));
        conversation(farBehind, "group", "Far behind", 2, T0.plusMillis(2), List.of(carl, dana));
        for (long seq = 1; seq <= 3; seq++) {
            writes.add(message(trailing, seq, dana));
        }
        writes.add(message(farBehind, 1, dana));
        writes.add(message(farBehind, 2, dana));
        writes.forEach(CompletableFuture::join);
        // As the fan-out records them before routing them: 3 again (a redelivery), then 4 to 6.
        routed.record(Map.of(trailing, List.of(routedMessage(trailing, 3, dana), routedMessage(trailing, 4, dana))),
                Duration.ofMinutes(5), 1_000);
        routed.record(Map.of(trailing, List.of(routedMessage(trailing, 5, dana), routedMessage(trailing, 6, carl)),
                farBehind, List.of(routedMessage(farBehind, 5, dana), routedMessage(farBehind, 6, dana))),
                Duration.ofMinutes(5), 1_000);
        memberSets.apply(new GroupCreated(justMade, carl, "Just made", List.of(carl, dana), T0), 1);
        routed.record(Map.of(justMade, List.of(routedMessage(justMade, 1, carl), routedMessage(justMade, 2, carl))),
                Duration.ofMinutes(5), 1_000);
    }

    /** The message as the projection writes it in {@link #message}, as the fan-out has it. */
    private static ChatMessage routedMessage(ConversationId id, long seq, UserId sender) {
        return new ChatMessage(id, new MessageId("m-" + seq), seq, sender, "c-" + seq, T0.plusMillis(seq), "text " + seq, null);
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

    private static JsonNode summaryOf(Answer list, ConversationId id) {
        return StreamSupport.stream(list.body().path("conversations").spliterator(), false)
                .filter(summary -> summary.path("conversationId").asText().equals(id.value())).findFirst().orElseThrow();
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
    void theSummaryCarriesEveryMembersRoleAndWatermarks() throws Exception {
        JsonNode members = summaryOf(get("/api/conversations", ada), chat).path("members");

        // What Ada's page draws Bob's ticks from, though it was not open when his receipts were pushed.
        assertThat(StreamSupport.stream(members.spliterator(), false)
                .map(member -> member.path("userId").asText() + " " + member.path("role").asText() + " delivered="
                        + member.path("deliveredSeq").asLong() + " read=" + member.path("readSeq").asLong()))
                .containsExactlyInAnyOrder(ada.value() + " member delivered=2100 read=2000",
                        bob.value() + " member delivered=2345 read=2345");
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
    void theListAndHistoryHoldEverySeqTheFanOutRoutedAheadOfTheReadModel() throws Exception {
        JsonNode summary = summaryOf(get("/api/conversations", dana), trailing);
        String messages = "/api/conversations/" + trailing.value() + "/messages";

        assertThat(summary.path("conversationId").asText()).isEqualTo(trailing.value());
        assertThat(summary.path("lastSeq").asLong()).isEqualTo(6);
        assertThat(summary.path("unread").asLong()).isEqualTo(6);
        assertThat(summary.path("lastMessage").path("seq").asLong()).isEqualTo(6);
        assertThat(summary.path("lastMessage").path("text").asText()).isEqualTo("text 6");
        assertThat(summary.path("updatedAt").asText()).isEqualTo(T0.plusMillis(6).toString());
        // Carl sent 6: his own message counts as read by him.
        JsonNode carls = summaryOf(get("/api/conversations", carl), trailing);
        assertThat(List.of(carls.path("lastSeq").asLong(), carls.path("readSeq").asLong(), carls.path("unread").asLong()))
                .containsExactly(6L, 6L, 0L);

        JsonNode fromStart = get(messages + "?afterSeq=0", dana).body().path("messages");
        assertThat(seqs(fromStart)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(seqs(get(messages, dana).body().path("messages"))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(seqs(get(messages + "?afterSeq=2&limit=2", dana).body().path("messages"))).containsExactly(3L, 4L);
        assertThat(seqs(get(messages + "?afterSeq=4", dana).body().path("messages"))).containsExactly(5L, 6L);
        assertThat(seqs(get(messages + "?beforeSeq=6&limit=2", dana).body().path("messages"))).containsExactly(4L, 5L);
        assertThat(seqs(get(messages + "?limit=3", dana).body().path("messages"))).containsExactly(4L, 5L, 6L);
        // A routed message reads as the read model's does.
        JsonNode fromRedis = fromStart.get(3);
        assertThat(fromRedis.path("messageId").asText()).isEqualTo("m-4");
        assertThat(fromRedis.path("senderId").asText()).isEqualTo(dana.value());
        assertThat(fromRedis.path("clientMsgId").asText()).isEqualTo("c-4");
        assertThat(fromRedis.path("text").asText()).isEqualTo("text 4");
        assertThat(fromRedis.path("sentAt").asText()).isEqualTo(T0.plusMillis(4).toString());
        assertThat(get(messages + "?afterSeq=0", eve).status()).isEqualTo(403);
    }

    @Test
    void aPageAfterASeqEndsBeforeTheFirstSeqHeldNowhere() throws Exception {
        String messages = "/api/conversations/" + farBehind.value() + "/messages";

        assertThat(seqs(get(messages + "?afterSeq=0", carl).body().path("messages"))).containsExactly(1L, 2L);
        assertThat(seqs(get(messages + "?afterSeq=3", carl).body().path("messages"))).isEmpty();
        assertThat(seqs(get(messages + "?afterSeq=4", carl).body().path("messages"))).containsExactly(5L, 6L);
    }

    /**
     * A member pushed the first message of a group the read model has no row of yet opens it at once: the
     * member set the fan-out routed by says they are one. Anyone else is refused, and so is everyone while
     * the sets are marked as being replayed (they may then hold a member since removed).
     */
    @Test
    void aMemberTheFanOutRoutesToReadsAConversationTheReadModelDoesNotListYet() throws Exception {
        String messages = "/api/conversations/" + justMade.value() + "/messages";

        assertThat(seqs(get(messages, dana).body().path("messages"))).containsExactly(1L, 2L);
        assertThat(seqs(get(messages + "?afterSeq=1", carl).body().path("messages"))).containsExactly(2L);
        assertThat(get(messages, eve).status()).isEqualTo(403);
        memberSets.markReplaying(Duration.ofMinutes(1));
        try {
            assertThat(get(messages, dana).status()).isEqualTo(403);
        } finally {
            memberSets.unmarkReplaying();
        }
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
