package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.UserId;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Consent, over real sockets against the whole of Parley: presence only for those one has chatted with,
 * blocks (no messages, presence or typing between the two; never added to a group by whom one blocked;
 * the blocked user never told), and leaving a group as a "no". Where a test shows that something did not
 * arrive, a control user gets the same push first, from the same delivery.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class ConsentIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void aStrangerWhoOpenedADirectConversationSeesNoPresenceUntilTheOtherHasSentAMessageThere() throws Exception {
        UserId ada = register("ada");
        UserId friend = register("friend");
        UserId stranger = register("stranger");
        String withFriend;
        try (ChatSocket adaSocket = ChatSocket.connect(port, token(ada))) {
            withFriend = adaSocket.ack("openDirect", "userId", friend.value()).path("conversationId").asText();
            adaSocket.ack("send", "conversationId", withFriend, "clientMsgId", "c-1", "text", "hi friend");
        }
        awaitSpoke(ada, withFriend);
        try (ChatSocket friendSocket = ChatSocket.connect(port, token(friend));
             ChatSocket strangerSocket = ChatSocket.connect(port, token(stranger))) {
            String opened = strangerSocket.ack("openDirect", "userId", ada.value()).path("conversationId").asText();
            strangerSocket.ack("send", "conversationId", opened, "clientMsgId", "s-1", "text", "let me watch you");

            ChatSocket adaSocket = ChatSocket.connect(port, token(ada));
            presenceOf(friendSocket, ada, true);
            adaSocket.close();
            // A user's presence changes are pushed in order: once the friend has Ada going offline, whatever
            // the stranger was to get of her coming online and going has come too.
            presenceOf(friendSocket, ada, false);
            assertThat(strangerSocket.takeAll("presence")).as("no presence for the stranger").isEmpty();

            // Ada answers: from then on the stranger sees her come and go.
            try (ChatSocket adaAgain = ChatSocket.connect(port, token(ada))) {
                adaAgain.ack("send", "conversationId", opened, "clientMsgId", "a-1", "text", "who are you?");
                awaitSpoke(ada, opened);
            }
            presenceOf(strangerSocket, ada, false);
        }
    }

    @Test
    void aBlockStopsDirectMessagesPresenceAndTypingAndTheBlockedUserHearsWhatAnOutsiderHears() throws Exception {
        UserId ann = register("ann");
        UserId ben = register("ben");
        UserId cal = register("cal");
        UserId eve = register("eve");
        try (ChatSocket annSocket = ChatSocket.connect(port, token(ann));
             ChatSocket benSocket = ChatSocket.connect(port, token(ben));
             ChatSocket calSocket = ChatSocket.connect(port, token(cal));
             ChatSocket eveSocket = ChatSocket.connect(port, token(eve))) {
            String chat = annSocket.ack("openDirect", "userId", ben.value()).path("conversationId").asText();
            annSocket.ack("send", "conversationId", chat, "clientMsgId", "a-1", "text", "hi ben");
            benSocket.ack("send", "conversationId", chat, "clientMsgId", "b-1", "text", "hi ann");
            String group = calSocket.ack("createGroup", "title", "three", "memberIds", List.of(ann.value(), ben.value()))
                    .path("conversationId").asText();
            for (ChatSocket speaker : List.of(annSocket, benSocket, calSocket)) {
                speaker.ack("send", "conversationId", group, "clientMsgId", "g-1", "text", "hello all");
            }

            assertThat(request("PUT", "/api/users/me/blocks/" + ben.value(), ann).statusCode()).isEqualTo(204);
            assertThat(request("PUT", "/api/users/me/blocks/" + ben.value(), ann).statusCode()).as("again").isEqualTo(204);
            await().atMost(WAIT).untilAsserted(() -> assertThat(json.readTree(request("GET", "/api/users/me/blocks", ann).body())
                    .path("users").findValuesAsText("userId")).containsExactly(ben.value()));
            assertThat(json.readTree(request("GET", "/api/users/me/blocks", ben).body()).path("users")).isEmpty();
            assertThat(request("PUT", "/api/users/me/blocks/" + UUID.randomUUID(), ann).statusCode()).isEqualTo(404);

            // Ben's send is refused with what Eve, an outsider, hears: not "blocked".
            JsonNode refused = benSocket.call("send", "conversationId", chat, "clientMsgId", "b-2", "text", "ann?");
            JsonNode outsider = eveSocket.call("send", "conversationId", chat, "clientMsgId", "b-2", "text", "ann?");
            assertThat(refused.path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(refused.path("message").asText()).isEqualTo(outsider.path("message").asText());
            assertThat(annSocket.call("send", "conversationId", chat, "clientMsgId", "a-2", "text", "bye")
                    .path("code").asText()).isEqualTo("FORBIDDEN");

            // Typing in the group reaches Cal, not Ann.
            benSocket.ack("typing", "conversationId", group, "active", true);
            assertThat(calSocket.next("typing", WAIT).path("userId").asText()).isEqualTo(ben.value());
            assertThat(annSocket.takeAll("typing")).isEmpty();

            // Ben going offline reaches Cal, not Ann (in order after anything else of Ben's for Ann).
            annSocket.takeAll("presence");
            benSocket.close();
            presenceOf(calSocket, ben, false);
            assertThat(annSocket.takeAll("presence").stream().filter(p -> p.path("userId").asText().equals(ben.value())))
                    .isEmpty();

            assertThat(request("DELETE", "/api/users/me/blocks/" + ben.value(), ann).statusCode()).isEqualTo(204);
            try (ChatSocket benAgain = ChatSocket.connect(port, token(ben))) {
                benAgain.ack("send", "conversationId", chat, "clientMsgId", "b-3", "text", "thanks");
            }
        }
    }

    @Test
    void whoBlockedTheAdderOrLeftIsNeverAddedAndTheAdderIsNotTold() throws Exception {
        UserId ann = register("ann");
        UserId ben = register("ben");
        UserId cal = register("cal");
        UserId dan = register("dan");
        assertThat(request("PUT", "/api/users/me/blocks/" + ben.value(), ann).statusCode()).isEqualTo(204);
        try (ChatSocket benSocket = ChatSocket.connect(port, token(ben));
             ChatSocket calSocket = ChatSocket.connect(port, token(cal));
             ChatSocket annSocket = ChatSocket.connect(port, token(ann))) {
            String group = benSocket.ack("createGroup", "title", "ben's", "memberIds", List.of(ann.value(), cal.value()))
                    .path("conversationId").asText();
            JsonNode created = calSocket.next("membership", WAIT);
            assertThat(json.convertValue(created.path("userIds"), List.class)).containsExactlyInAnyOrder(ben.value(), cal.value());

            benSocket.ack("addMembers", "conversationId", group, "userIds", List.of(ann.value()));
            calSocket.ack("leaveGroup", "conversationId", group);
            benSocket.ack("addMembers", "conversationId", group, "userIds", List.of(cal.value(), dan.value()));
            // Pushes of one group arrive in order: "left", then one "joined" naming Dan alone.
            assertThat(benSocket.next("membership", WAIT).path("change").asText()).isEqualTo("created");
            assertThat(benSocket.next("membership", WAIT).path("change").asText()).isEqualTo("left");
            JsonNode joined = benSocket.next("membership", WAIT);
            assertThat(joined.path("change").asText()).isEqualTo("joined");
            assertThat(json.convertValue(joined.path("userIds"), List.class)).containsExactly(dan.value());
            assertThat(annSocket.takeAll("membership")).isEmpty();
        }
    }

    private void awaitSpoke(UserId user, String conversation) {
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(redis.opsForSet().isMember(RedisKeys.spokeIn(user), conversation)));
    }

    private static void presenceOf(ChatSocket socket, UserId user, boolean online) {
        socket.take(frame -> frame.path("type").asText().equals("presence") && frame.path("userId").asText().equals(user.value())
                && frame.path("online").asBoolean() == online, WAIT);
    }

    private HttpResponse<String> request(String method, String path, UserId user) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token(user))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private UserId register(String prefix) throws Exception {
        return new Requests(port, tokens).register(prefix);
    }

    private String token(UserId user) {
        return TestTokens.sign(tokens, user);
    }
}
