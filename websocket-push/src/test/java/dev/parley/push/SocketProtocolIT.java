package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.readmodel.membership.MemberSets;
import dev.parley.push.routing.Delivery;
import dev.parley.push.routing.NodeRouter;
import dev.parley.push.registry.SessionRegistry;
import dev.parley.push.socket.LocalSockets;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.RealServers;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The edge of the protocol on one push node, over real sockets: authentication on the upgrade (header or
 * ticket), a configured list of origins,
 * malformed and oversized frames, rate limits, membership checks, pushes routed through the registry and
 * the node's Redis channel, typing that expires by itself, and a slow client cut off without holding up others.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.push.allowed-origins=https://app.example.com",
        "parley.push.outbound-queue-frames=300",
        "parley.push.typing-expiry=1s"})
@UsesRealServers
class SocketProtocolIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    NodeRouter router;
    @Autowired
    SessionRegistry registry;
    @Autowired
    LocalSockets sockets;
    @Autowired
    MemberSets memberSets;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    KafkaTopicsProperties topics;

    @Test
    void anUpgradeWithoutAValidTokenIsRefusedWith401() {
        assertThat(ChatSocket.refusedUpgradeStatus(ws(""), Map.of())).isEqualTo(401);
        assertThat(ChatSocket.refusedUpgradeStatus(ws(""), Map.of("Authorization", "Bearer not-a-token"))).isEqualTo(401);
        assertThat(ChatSocket.refusedUpgradeStatus(ws("?access_token=not-a-token"), Map.of())).isEqualTo(401);
    }

    /** Protocol v1.1 withdrew v1's access_token parameter: URLs end up in logs. A ticket takes its place. */
    @Test
    void aValidTokenInTheQueryParameterIsRefusedAndATicketOpensTheSocket() throws Exception {
        String token = token(newUser());
        assertThat(ChatSocket.refusedUpgradeStatus(ws("?access_token=" + token), Map.of())).isEqualTo(401);

        java.net.http.HttpResponse<String> issued = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ws-tickets"))
                        .header("Authorization", "Bearer " + token).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String ticket = json.readTree(issued.body()).path("ticket").asText();
        try (ChatSocket socket = ChatSocket.connect(ws("?ticket=" + ticket), Map.of(), true)) {
            String id = socket.send("ping");
            JsonNode reply = socket.reply(id);
            assertThat(reply.path("type").asText()).isEqualTo("ack");
            assertThat(reply.path("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void aBrowserFromAnOriginNotAllowedIsRefused() {
        String token = token(newUser());
        assertThat(ChatSocket.refusedUpgradeStatus(ws(""), Map.of("Authorization", "Bearer " + token,
                "Origin", "https://evil.example.org"))).isEqualTo(403);
        try (ChatSocket allowed = ChatSocket.connect(ws(""), Map.of("Authorization", "Bearer " + token,
                "Origin", "https://app.example.com"), true)) {
            assertThat(allowed.ack("ping").path("type").asText()).isEqualTo("ack");
        }
    }

    @Test
    void malformedFramesGetAnErrorAndTheSocketStaysOpen() {
        try (ChatSocket socket = ChatSocket.connect(port, token(newUser()))) {
            socket.sendRaw("{not json");
            JsonNode malformed = socket.next("error", WAIT);
            assertThat(malformed.path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(malformed.path("id").isNull()).isTrue();

            socket.sendRaw("[1, 2]");
            assertThat(socket.next("error", WAIT).path("code").asText()).isEqualTo("BAD_REQUEST");

            socket.sendRaw("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}");
            JsonNode longId = socket.next("error", WAIT);
            assertThat(longId.path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(longId.path("id").isNull()).isTrue();

            JsonNode unknown = socket.call("dance");
            assertThat(unknown.path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(unknown.path("message").asText()).contains("dance");

            JsonNode missingSeq = socket.call("markRead", "conversationId", ConversationId.newGroup().value());
            assertThat(missingSeq.path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(missingSeq.path("message").asText()).contains("seq");

            JsonNode wrongType = socket.call("history", "conversationId", 42);
            assertThat(wrongType.path("code").asText()).isEqualTo("BAD_REQUEST");

            for (String notAGroupId : new String[] {"d:ada:bob", "book-club", "g:has space"}) {
                JsonNode group = socket.call("createGroup", "conversationId", notAGroupId, "title", "club");
                assertThat(group.path("code").asText()).as(notAGroupId).isEqualTo("BAD_REQUEST");
            }

            assertThat(socket.ack("ping").path("type").asText()).isEqualTo("ack");
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void aFrameOverTheSizeLimitClosesTheSocketWith1009() {
        try (ChatSocket socket = ChatSocket.connect(port, token(newUser()))) {
            socket.sendRaw("{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            assertThat(socket.awaitClose(WAIT)).isEqualTo(1009);
        }
    }

    @Test
    void framesFasterThanTheRateAreRefusedRateLimited() {
        try (ChatSocket socket = ChatSocket.connect(port, token(newUser()))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                ids.add(socket.send("ping"));
            }
            List<String> codes = ids.stream().map(id -> {
                JsonNode reply = socket.reply(id);
                return reply.path("type").asText().equals("ack") ? "ack" : reply.path("code").asText();
            }).toList();
            // The bucket holds a burst of 100 and refills 50 a second: the rest of a sudden 250 is refused.
            assertThat(codes).contains("RATE_LIMITED");
            assertThat(codes.stream().filter("ack"::equals).count()).isBetween(100L, 200L);
        }
    }

    @Test
    void malformedFramesCountAgainstTheSocketsAllowanceLikeAnyOther() {
        try (ChatSocket socket = ChatSocket.connect(port, token(newUser()))) {
            for (int i = 0; i < 250; i++) {
                socket.sendRaw("{not json");
            }
            List<JsonNode> errors = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                errors.add(socket.next("error", WAIT));
            }
            // The bucket holds a burst of 100 and refills 50 a second: junk is refused like the rest of a flood.
            List<JsonNode> refused = errors.stream().filter(error -> error.path("code").asText().equals("RATE_LIMITED")).toList();
            assertThat(refused).isNotEmpty()
                    .allSatisfy(error -> assertThat(error.path("retryAfterMs").asLong()).isPositive());
            assertThat(errors.size() - refused.size()).isBetween(100, 200);
        }
    }

    @Test
    void aStopIsRelayedOnlyWhenTheUserWasTyping() {
        UserId ada = newUser();
        UserId bob = newUser();
        ConversationId group = groupOf(ada, bob);
        try (ChatSocket adaSocket = ChatSocket.connect(port, token(ada));
             ChatSocket bobSocket = ChatSocket.connect(port, token(bob))) {
            awaitRegistered(ada, bob);
            for (int i = 0; i < 5; i++) {
                adaSocket.ack("typing", "conversationId", group.value(), "active", false);
            }
            adaSocket.ack("typing", "conversationId", group.value(), "active", true);

            // Pushes to Bob keep their order: had any stop gone out, it would come before the start.
            JsonNode first = bobSocket.next("typing", WAIT);
            assertThat(first.path("active").asBoolean()).isTrue();
        }
    }

    @Test
    void aNonMemberCannotTypeOrReadInAConversation() {
        ConversationId group = groupOf(newUser(), newUser());
        try (ChatSocket outsider = ChatSocket.connect(port, token(newUser()))) {
            assertThat(outsider.call("typing", "conversationId", group.value(), "active", true).path("code").asText())
                    .isEqualTo("FORBIDDEN");
            assertThat(outsider.call("history", "conversationId", group.value()).path("code").asText())
                    .isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void typingReachesTheOtherMembersOnlyAndExpiresByItself() {
        UserId ada = newUser();
        UserId bob = newUser();
        ConversationId group = groupOf(ada, bob);
        try (ChatSocket adaSocket = ChatSocket.connect(port, token(ada));
             ChatSocket bobSocket = ChatSocket.connect(port, token(bob))) {
            awaitRegistered(ada, bob);
            adaSocket.ack("typing", "conversationId", group.value(), "active", true);

            JsonNode started = bobSocket.next("typing", WAIT);
            assertThat(started.path("userId").asText()).isEqualTo(ada.value());
            assertThat(started.path("conversationId").asText()).isEqualTo(group.value());
            assertThat(started.path("active").asBoolean()).isTrue();
            assertThat(started.path("expiresInMs").asLong()).isEqualTo(1_000);
            // Ada said nothing more: after the expiry (1 s here) Bob is told she stopped.
            JsonNode stopped = bobSocket.next("typing", WAIT);
            assertThat(stopped.path("active").asBoolean()).isFalse();
            assertThat(adaSocket.ack("ping").path("type").asText()).isEqualTo("ack");
            assertThat(adaSocket.takeAll("typing")).isEmpty();
        }
    }

    @Test
    void pushesRoutedToANodeReachEverySocketOfTheirUsersOnceAndInOrder() throws Exception {
        UserId ada = newUser();
        UserId bob = newUser();
        String conversation = ConversationId.newGroup().value();
        try (ChatSocket phone = ChatSocket.connect(port, token(ada));
             ChatSocket laptop = ChatSocket.connect(port, token(ada));
             ChatSocket other = ChatSocket.connect(port, token(bob))) {
            awaitRegistered(ada, bob);
            List<Delivery> deliveries = new ArrayList<>();
            for (int seq = 1; seq <= 20; seq++) {
                deliveries.add(message(List.of(ada.value()), conversation, seq));
            }
            deliveries.add(message(List.of(ada.value()), conversation, 7)); // a redelivery: not pushed again
            router.route(deliveries);
            router.route(List.of(message(List.of(ada.value()), conversation, 21)));

            for (ChatSocket socket : List.of(phone, laptop)) {
                socket.take(frame -> frame.path("seq").asLong() == 21, WAIT);
                assertThat(socket.takeAll("message")).extracting(frame -> frame.path("seq").asLong())
                        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
            }
            assertThat(other.ack("ping").path("type").asText()).isEqualTo("ack");
            assertThat(other.takeAll("message")).isEmpty();
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWithoutHoldingUpOthers() throws Exception {
        UserId slow = newUser();
        UserId fast = newUser();
        try (ChatSocket stalled = ChatSocket.connect(ws(""), Map.of("Authorization", "Bearer " + token(slow)), false);
             ChatSocket reader = ChatSocket.connect(port, token(fast))) {
            awaitRegistered(slow, fast);
            String padding = "x".repeat(60_000);
            for (int i = 0; i < 25; i++) {
                List<Delivery> burst = new ArrayList<>();
                for (int j = 0; j < 20; j++) {
                    burst.add(new Delivery(List.of(slow.value()), json.createObjectNode().put("type", "message")
                            .put("text", padding).toString(), null, 0));
                }
                router.route(burst);
            }
            router.route(List.of(new Delivery(List.of(fast.value()), json.createObjectNode().put("type", "presence")
                    .put("userId", slow.value()).toString(), null, 0)));

            assertThat(reader.next("presence", WAIT).path("userId").asText()).isEqualTo(slow.value());
            // 500 frames of 60 KB cannot all sit in the socket buffers: the queue of 300 overflows and the node lets go.
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(sockets.all()).noneMatch(socket -> socket.user().equals(slow)));
            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.nodesOf(List.of(slow.value()))).isEmpty());
        }
    }

    @Test
    void aUsersNodeIsRegisteredWithTheFirstSocketAndReleasedWithTheLast() {
        UserId ada = newUser();
        ChatSocket first = ChatSocket.connect(port, token(ada));
        ChatSocket second = ChatSocket.connect(port, token(ada));
        awaitRegistered(ada);
        assertThat(registry.nodesOf(List.of(ada.value())).get(ada.value())).containsExactly(registry.nodeId());

        first.close();
        second.ack("ping");
        assertThat(registry.nodesOf(List.of(ada.value())).get(ada.value())).containsExactly(registry.nodeId());
        second.close();
        await().atMost(WAIT).untilAsserted(() -> assertThat(registry.nodesOf(List.of(ada.value()))).isEmpty());
    }

    @Test
    void theUsersOfANodeThatStoppedHeartbeatingAreReleasedAndGoOffline() {
        UserId stranded = newUser();
        String deadNode = "dead-" + UUID.randomUUID();
        // What a node that died leaves in the registry: its heartbeat, long past, and its user.
        redis.opsForZSet().add("parley:push-nodes", deadNode, System.currentTimeMillis() - 60_000);
        redis.opsForSet().add("parley:user-nodes:{" + stranded.value() + "}", deadNode);
        redis.opsForSet().add("parley:node-users:{" + deadNode + "}", stranded.value());
        try (var presence = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = presence.partitionsFor(topics.presence().name()).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            presence.assign(partitions);
            presence.seekToEnd(partitions);
            partitions.forEach(presence::position);

            registry.reapDeadNodes();

            assertThat(registry.nodesOf(List.of(stranded.value()))).isEmpty();
            assertThat(redis.opsForZSet().score("parley:push-nodes", deadNode)).isNull();
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode change = null;
                for (ConsumerRecord<String, String> record : presence.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(stranded.value())) {
                        change = json.readTree(record.value());
                    }
                }
                assertThat(change).isNotNull();
                assertThat(change.path("online").asBoolean()).isFalse();
                assertThat(change.path("nodeId").asText()).isEqualTo(deadNode);
            });
        }
    }

    private void awaitRegistered(UserId... users) {
        await().atMost(WAIT).untilAsserted(() -> {
            for (UserId user : users) {
                assertThat(registry.nodesOf(List.of(user.value())).getOrDefault(user.value(), Set.of())).contains(registry.nodeId());
            }
        });
    }

    private Delivery message(List<String> users, String conversation, long seq) {
        return new Delivery(users, json.createObjectNode().put("type", "message").put("conversationId", conversation)
                .put("seq", seq).toString(), conversation, seq);
    }

    /** A group known to the member sets (as the fan-out or the membership projection would leave it). */
    private ConversationId groupOf(UserId... members) {
        ConversationId group = ConversationId.newGroup();
        memberSets.apply(new GroupCreated(group, members[0], "test", List.of(members), Instant.now()), 0);
        return group;
    }

    private URI ws(String query) {
        return URI.create("ws://127.0.0.1:" + port + "/ws" + query);
    }

    private String token(UserId user) {
        return TestTokens.sign(tokens, user);
    }

    private static UserId newUser() {
        return new UserId(UUID.randomUUID().toString());
    }
}
