package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.kernel.query.ConversationsOf;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.readmodel.conversation.ConversationReads;
import dev.parley.transport.CommandSender;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.PushNodeProcess;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The chat as clients live it, over real sockets against the whole of Parley: node A is this application
 * (with its own push node), node B a second push node in a process of its own. Users are registered over
 * REST; everything else goes through the WebSocket protocol.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSocketChatIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PushNodeProcess nodeB;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    CqlSession cassandra;
    @Autowired
    CommandSender commands;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    ConversationReads conversationReads;

    @BeforeAll
    static void startSecondPushNode() throws Exception {
        nodeB = PushNodeProcess.start(PushNodeProcess.freePort(), "push-b-" + UUID.randomUUID().toString().substring(0, 6));
    }

    @AfterAll
    static void stopSecondPushNode() throws Exception {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    @Order(1)
    void twoUsersChatOneToOneAndEachSeesMessagesReceiptsAndTyping() throws Exception {
        UserId ada = register("ada");
        UserId bob = register("bob");
        try (ChatSocket adaSocket = ChatSocket.connect(port, token(ada));
             ChatSocket bobSocket = ChatSocket.connect(port, token(bob))) {
            String chat = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
            assertThat(bobSocket.next("membership", WAIT).path("change").asText()).isEqualTo("created");

            JsonNode sent = adaSocket.ack("send", "conversationId", chat, "clientMsgId", "c-1", "text", "hello bob");
            assertThat(sent.path("seq").asLong()).isEqualTo(1);
            assertThat(sent.path("messageId").asText()).isNotEmpty();
            assertThat(sent.path("sentAt").asText()).isNotEmpty();
            for (ChatSocket socket : List.of(adaSocket, bobSocket)) {
                JsonNode message = socket.next("message", WAIT);
                assertThat(message.path("conversationId").asText()).isEqualTo(chat);
                assertThat(message.path("seq").asLong()).isEqualTo(1);
                assertThat(message.path("messageId").asText()).isEqualTo(sent.path("messageId").asText());
                assertThat(message.path("senderId").asText()).isEqualTo(ada.value());
                assertThat(message.path("text").asText()).isEqualTo("hello bob");
                assertThat(message.has("id")).isFalse();
            }

            assertThat(bobSocket.ack("markDelivered", "conversationId", chat, "seq", 1).path("seq").asLong()).isEqualTo(1);
            assertReceipt(adaSocket, bob, "delivered", 1);
            assertReceipt(bobSocket, bob, "delivered", 1);
            bobSocket.ack("markRead", "conversationId", chat, "seq", 1);
            assertReceipt(adaSocket, bob, "read", 1);
            assertThat(bobSocket.call("markRead", "conversationId", chat, "seq", 5).path("code").asText()).isEqualTo("BAD_REQUEST");

            bobSocket.ack("typing", "conversationId", chat, "active", true);
            JsonNode typing = adaSocket.next("typing", WAIT);
            assertThat(typing.path("userId").asText()).isEqualTo(bob.value());
            assertThat(typing.path("active").asBoolean()).isTrue();
            bobSocket.ack("typing", "conversationId", chat, "active", false);
            assertThat(adaSocket.next("typing", WAIT).path("active").asBoolean()).isFalse();
        }
    }

    @Test
    @Order(2)
    void aRepeatedClientMsgIdGetsTheFirstAckAndNoSecondMessage() throws Exception {
        UserId ada = register("ada");
        UserId bob = register("bob");
        try (ChatSocket adaSocket = ChatSocket.connect(port, token(ada));
             ChatSocket bobSocket = ChatSocket.connect(port, token(bob))) {
            String chat = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
            JsonNode first = adaSocket.ack("send", "conversationId", chat, "clientMsgId", "same", "text", "once");
            JsonNode repeat = adaSocket.ack("send", "conversationId", chat, "clientMsgId", "same", "text", "once");
            JsonNode next = adaSocket.ack("send", "conversationId", chat, "clientMsgId", "other", "text", "twice");

            assertThat(repeat.path("messageId").asText()).isEqualTo(first.path("messageId").asText());
            assertThat(repeat.path("seq").asLong()).isEqualTo(first.path("seq").asLong());
            assertThat(next.path("seq").asLong()).isEqualTo(2);
            bobSocket.take(frame -> frame.path("type").asText().equals("message") && frame.path("seq").asLong() == 2, WAIT);
            assertThat(bobSocket.takeAll("message")).extracting(frame -> frame.path("seq").asLong()).containsExactly(1L);
        }
    }

    @Test
    @Order(3)
    void aNonMemberCannotSendOrReadAndAnUnknownConversationIsRefused() throws Exception {
        UserId ada = register("ada");
        UserId bob = register("bob");
        UserId eve = register("eve");
        try (ChatSocket adaSocket = ChatSocket.connect(port, token(ada));
             ChatSocket eveSocket = ChatSocket.connect(port, token(eve))) {
            String chat = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
            JsonNode refused = eveSocket.call("send", "conversationId", chat, "clientMsgId", "x", "text", "let me in");
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(eveSocket.call("history", "conversationId", chat).path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(eveSocket.call("addMembers", "conversationId", chat, "userIds", List.of(eve.value()))
                    .path("type").asText()).isEqualTo("error");
            String tooLong = "x".repeat(5_000);
            assertThat(adaSocket.call("send", "conversationId", chat, "clientMsgId", "long", "text", tooLong)
                    .path("code").asText()).isEqualTo("TOO_LARGE");
        }
    }

    @Test
    @Order(4)
    void aGroupOfFiveOnTwoNodesGetsEveryMessageOnceAndInOrder() throws Exception {
        List<UserId> members = new ArrayList<>();
        List<ChatSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(register("m" + i));
            // Members alternate between node A (this application) and node B (the other process).
            sockets.add(ChatSocket.connect(i % 2 == 0 ? port : nodeB.port(), token(members.get(i))));
        }
        try {
            // The creator chooses the id, so that a retry after a timeout cannot make a second group.
            String chosen = "g:" + UUID.randomUUID();
            List<String> others = members.subList(1, 5).stream().map(UserId::value).toList();
            JsonNode created = sockets.get(0).ack("createGroup", "conversationId", chosen, "title", "five", "memberIds", others);
            JsonNode retried = sockets.get(0).ack("createGroup", "conversationId", chosen, "title", "five", "memberIds", others);
            JsonNode taken = sockets.get(1).call("createGroup", "conversationId", chosen, "title", "mine", "memberIds", List.of());
            String group = created.path("conversationId").asText();
            assertThat(group).isEqualTo(chosen);
            assertThat(retried.path("conversationId").asText()).isEqualTo(chosen);
            assertThat(taken.path("code").asText()).isEqualTo("CONFLICT");
            for (ChatSocket socket : sockets) {
                JsonNode membership = socket.next("membership", WAIT);
                assertThat(membership.path("change").asText()).isEqualTo("created");
                assertThat(membership.path("title").asText()).isEqualTo("five");
            }
            // Each member sends 6 messages, all at once, without waiting for acks.
            List<String> requests = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 5; i++) {
                    requests.add(sockets.get(i).send("send", "conversationId", group, "clientMsgId", "m" + i + "-" + round,
                            "text", "round " + round + " from " + i));
                }
            }
            for (int r = 0; r < requests.size(); r++) {
                JsonNode reply = sockets.get(r % 5).reply(requests.get(r));
                assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("ack");
            }
            for (ChatSocket socket : sockets) {
                socket.take(frame -> frame.path("type").asText().equals("message") && frame.path("seq").asLong() == 30, WAIT);
                List<Long> seqs = new ArrayList<>(socket.takeAll("message").stream().map(frame -> frame.path("seq").asLong()).toList());
                seqs.add(30L);
                assertThat(seqs).as("every message once, in seq order").containsExactlyElementsOf(range(1, 30));
                // The group's events are pushed in order: a second creation would have come before the messages.
                assertThat(socket.takeAll("membership")).as("one creation").isEmpty();
            }
        } finally {
            sockets.forEach(ChatSocket::close);
        }
    }

    @Test
    @Order(5)
    void aClientThatReconnectsFillsTheGapWithHistoryAndOthersSeeItsPresence() throws Exception {
        UserId ada = register("ada");
        UserId bob = register("bob");
        try (ChatSocket adaSocket = ChatSocket.connect(port, token(ada))) {
            String chat = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
            adaSocket.ack("send", "conversationId", chat, "clientMsgId", "before", "text", "before the gap");
            // Presence goes only to those Bob has chatted with: he has said something in this conversation
            // (through the command side, so that no socket of his comes and goes), and the read model has it.
            commands.sendAndWait(new SendMessage(new ConversationId(chat), bob, "hello", "hello ada", null), MessageAccepted.class);
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(redis.opsForSet().isMember(RedisKeys.spokeIn(bob), chat)));
            // And Bob's list has the conversation with his message: it was pushed before he connected, so a
            // list still without the conversation (the read model trailing, as after the build's other classes
            // published thousands of events) would name nothing for his catch-up to fetch. Seen failing so.
            await().atMost(WAIT).until(() -> conversationReads.conversations(new ConversationsOf(bob)).stream()
                    .anyMatch(summary -> summary.conversationId().value().equals(chat) && summary.lastSeq() >= 2));

            ChatSocket bobSocket = ChatSocket.connect(nodeB.port(), token(bob));
            JsonNode online = adaSocket.take(frame -> frame.path("type").asText().equals("presence")
                    && frame.path("userId").asText().equals(bob.value()) && frame.path("online").asBoolean(), WAIT);
            assertThat(online.path("lastSeen").asText()).isNotEmpty();
            Catchup bobs = new Catchup();
            bobs.fill(bobSocket);
            // Acked is stored, not yet routed: if the fan-out had not routed it when Bob asked, it was not
            // counted, and comes as a push (Bob's socket was registered before).
            bobs.awaitHolding(bobSocket, chat, 2);
            assertThat(bobs.seqs(chat)).containsExactly(1L, 2L);
            bobSocket.close();
            JsonNode offline = adaSocket.take(frame -> frame.path("type").asText().equals("presence")
                    && frame.path("userId").asText().equals(bob.value()) && !frame.path("online").asBoolean(), WAIT);
            assertThat(offline.path("lastSeen").asText()).isNotEmpty();

            for (int i = 0; i < 3; i++) {
                adaSocket.ack("send", "conversationId", chat, "clientMsgId", "gap-" + i, "text", "while you were away " + i);
            }
            try (ChatSocket back = ChatSocket.connect(nodeB.port(), token(bob))) {
                bobs.fill(back);
                bobs.awaitHolding(back, chat, 5);
                assertThat(bobs.seqs(chat)).containsExactly(1L, 2L, 3L, 4L, 5L);
                assertThat(bobs.text(chat, 5)).isEqualTo("while you were away 2");
            }
        }
    }

    @Test
    @Order(6)
    void whileTheReadModelIsHeldBackHistoryHoldsEverySeqThatConversationsCounts() throws Exception {
        UserId ada = register("ada");
        UserId bob = register("bob");
        try (ChatSocket adaSocket = ChatSocket.connect(port, token(ada))) {
            String chat = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
            adaSocket.ack("send", "conversationId", chat, "clientMsgId", "c-1", "text", "projected");
            await().atMost(WAIT).until(() -> readModelLastSeq(chat) == 1);
            StreamingEventProcessor projection = processing.eventProcessor("conversations", StreamingEventProcessor.class)
                    .orElseThrow();
            projection.shutDown();
            try {
                for (int seq = 2; seq <= 4; seq++) {
                    adaSocket.ack("send", "conversationId", chat, "clientMsgId", "c-" + seq, "text", "held back " + seq);
                }
                // Ada's own pushes: the fan-out has routed every message.
                adaSocket.take(frame -> frame.path("type").asText().equals("message") && frame.path("seq").asLong() == 4, WAIT);
                try (ChatSocket bobSocket = ChatSocket.connect(nodeB.port(), token(bob))) {
                    JsonNode summary = bobSocket.ack("conversations").path("conversations").get(0);
                    assertThat(summary.path("lastSeq").asLong()).isEqualTo(4);
                    assertThat(summary.path("unread").asLong()).isEqualTo(4);
                    assertThat(summary.path("lastMessage").path("text").asText()).isEqualTo("held back 4");
                    JsonNode caughtUp = bobSocket.ack("history", "conversationId", chat, "afterSeq", 0).path("messages");
                    assertThat(seqsOf(caughtUp)).containsExactly(1L, 2L, 3L, 4L);
                    assertThat(caughtUp.get(0).path("text").asText()).isEqualTo("projected");
                    assertThat(caughtUp.get(3).path("text").asText()).isEqualTo("held back 4");
                    assertThat(caughtUp.get(3).path("senderId").asText()).isEqualTo(ada.value());
                    assertThat(seqsOf(bobSocket.ack("history", "conversationId", chat).path("messages")))
                            .containsExactly(1L, 2L, 3L, 4L);
                }
                // The REST routes answer the same.
                JsonNode restSummary = getJson("/api/conversations", bob).path("conversations").get(0);
                assertThat(restSummary.path("lastSeq").asLong()).isEqualTo(4);
                assertThat(seqsOf(getJson("/api/conversations/" + chat + "/messages?afterSeq=0", bob).path("messages")))
                        .containsExactly(1L, 2L, 3L, 4L);
                assertThat(readModelLastSeq(chat)).as("the read model was held back throughout").isEqualTo(1);
            } finally {
                projection.start();
            }
            await().atMost(WAIT).until(() -> readModelLastSeq(chat) == 4);
        }
    }

    @Test
    @Order(7)
    void whenANodeStopsItsUsersReconnectToTheOtherAndMissNothing() throws Exception {
        UserId ada = register("ada");
        UserId bob = register("bob");
        try (ChatSocket adaSocket = ChatSocket.connect(port, token(ada))) {
            ChatSocket bobSocket = ChatSocket.connect(nodeB.port(), token(bob));
            String chat = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
            adaSocket.ack("send", "conversationId", chat, "clientMsgId", "a-1", "text", "across nodes");
            assertThat(bobSocket.next("message", WAIT).path("text").asText()).isEqualTo("across nodes");
            bobSocket.ack("send", "conversationId", chat, "clientMsgId", "b-1", "text", "and back");
            assertThat(adaSocket.take(frame -> frame.path("type").asText().equals("message")
                    && frame.path("seq").asLong() == 2, WAIT).path("text").asText()).isEqualTo("and back");

            Catchup bobs = new Catchup();
            bobs.fill(bobSocket);
            // Ada keeps writing while node B goes away.
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    adaSocket.ack("send", "conversationId", chat, "clientMsgId", "during-" + i, "text", "during " + i);
                    sleep(100);
                }
            });
            writer.start();
            nodeB.stop();
            assertThat(bobSocket.awaitClose(WAIT)).isEqualTo(1001);
            writer.join();

            try (ChatSocket moved = ChatSocket.connect(port, token(bob))) {
                bobs.fill(moved);
                bobs.awaitHolding(moved, chat, 12);
                assertThat(bobs.seqs(chat)).containsExactlyElementsOf(range(1, 12));
                adaSocket.ack("send", "conversationId", chat, "clientMsgId", "after", "text", "after the move");
                assertThat(moved.take(frame -> frame.path("type").asText().equals("message")
                        && frame.path("seq").asLong() == 13, WAIT).path("text").asText()).isEqualTo("after the move");
            }
        }
    }

    /**
     * What a client keeps, and the reconnect procedure of docs/protocol.md: take the pushes received, ask
     * {@code conversations}, and for each conversation ask {@code history} after the highest seq held (and
     * on from the last one received while pages come back full). History holds every seq up to the
     * {@code lastSeq} that {@code conversations} counted at once, so this asks no second time for it.
     */
    private static final class Catchup {
        private static final int HISTORY_LIMIT = 50;
        private final TreeMap<String, TreeMap<Long, JsonNode>> messages = new TreeMap<>();

        void fill(ChatSocket socket) {
            socket.takeAll("message").forEach(this::keep);
            for (JsonNode summary : socket.ack("conversations").path("conversations")) {
                String conversation = summary.path("conversationId").asText();
                long lastSeq = summary.path("lastSeq").asLong();
                TreeMap<Long, JsonNode> held = messages.computeIfAbsent(conversation, c -> new TreeMap<>());
                for (long after = contiguous(held); after < lastSeq; ) {
                    JsonNode page = socket.ack("history", "conversationId", conversation, "afterSeq", after).path("messages");
                    page.forEach(this::keep);
                    long reached = contiguous(held);
                    if (page.size() < HISTORY_LIMIT || reached == after) {
                        break;
                    }
                    after = reached;
                }
                assertThat(contiguous(held)).as("history of %s holds every seq up to the lastSeq conversations counted", conversation)
                        .isGreaterThanOrEqualTo(lastSeq);
            }
            socket.takeAll("message").forEach(this::keep);
        }

        /** The highest seq held with every one below it: where a gap, if any, begins. */
        private static long contiguous(TreeMap<Long, JsonNode> held) {
            long seq = 0;
            while (held.containsKey(seq + 1)) {
                seq++;
            }
            return seq;
        }

        /**
         * Keeps taking pushes until {@code seq} is held: a message routed while the client was asking
         * {@code conversations} is not counted there yet, and comes as a push a moment later.
         */
        void awaitHolding(ChatSocket socket, String conversation, long seq) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                socket.takeAll("message").forEach(this::keep);
                return messages.getOrDefault(conversation, new TreeMap<>()).containsKey(seq);
            });
        }

        private void keep(JsonNode message) {
            JsonNode previous = messages.computeIfAbsent(message.path("conversationId").asText(), c -> new TreeMap<>())
                    .put(message.path("seq").asLong(), message);
            if (previous != null) {
                assertThat(previous.path("messageId").asText()).isEqualTo(message.path("messageId").asText());
            }
        }

        List<Long> seqs(String conversation) {
            return List.copyOf(messages.getOrDefault(conversation, new TreeMap<>()).keySet());
        }

        String text(String conversation, long seq) {
            return messages.get(conversation).get(seq).path("text").asText();
        }
    }

    private static void assertReceipt(ChatSocket socket, UserId user, String kind, long seq) {
        JsonNode receipt = socket.take(frame -> frame.path("type").asText().equals("receipt")
                && frame.path("kind").asText().equals(kind), WAIT);
        assertThat(receipt.path("userId").asText()).isEqualTo(user.value());
        assertThat(receipt.path("seq").asLong()).isEqualTo(seq);
    }

    private static List<Long> seqsOf(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false).map(message -> message.path("seq").asLong()).toList();
    }

    /** The conversation's {@code last_seq} in the Cassandra read model (0 before its row is written). */
    private long readModelLastSeq(String conversation) {
        Row row = cassandra.execute("SELECT last_seq FROM conversations WHERE conversation_id = ?", conversation).one();
        return row == null ? 0 : row.getLong("last_seq");
    }

    private JsonNode getJson(String path, UserId user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token(user)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static List<Long> range(long from, long to) {
        List<Long> range = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            range.add(seq);
        }
        return range;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UserId register(String prefix) throws Exception {
        return new Requests(port, tokens).register(prefix);
    }

    private String token(UserId user) {
        return TestTokens.sign(tokens, user);
    }
}
