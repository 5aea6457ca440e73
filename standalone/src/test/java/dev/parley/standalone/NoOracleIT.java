package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The rule "no answer tells 'does not exist' from 'exists but not yours'", as a table: every frame and
 * route that takes an id an outsider could guess, asked by an outsider once with an id that exists and
 * once with one that does not, and the whole answers compared (type, code and message on the socket;
 * status and problem body over REST), the id itself written out of both.
 *
 * <p>Id kinds and where they stand:
 * <ul>
 * <li>conversation: every frame and route below, for a direct conversation (its id is derived from two
 *     user ids, so guessing it is the oracle on who talks to whom) and for a group;</li>
 * <li>message: no route or frame takes a message id; those taking a {@code seq} are in the table, over a
 *     conversation that holds a message at that seq;</li>
 * <li>user-private data: everything under {@code /api/users/me} is the caller's own, and no route reads
 *     another user's; the one taking another user's id ({@code DELETE /api/users/me/blocks/{id}}) is
 *     in the table. That a user exists is public ({@code GET /api/users/{id}}, search), so
 *     {@code PUT /api/users/me/blocks/{id}} may answer 404 for an unknown user;</li>
 * <li>media: {@code /api/media/{id}} is not built yet (issue 15): pending, to be added here with it.</li>
 * </ul>
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class NoOracleIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;

    /** A frame an outsider sends about a conversation: its type and fields. */
    private record FrameRow(String type, Function<String, Object[]> fields) {
    }

    private static final List<FrameRow> FRAMES = List.of(
            new FrameRow("send", id -> new Object[] {"conversationId", id, "clientMsgId", "c-1", "text", "hello?"}),
            new FrameRow("markDelivered", id -> new Object[] {"conversationId", id, "seq", 1}),
            new FrameRow("markRead", id -> new Object[] {"conversationId", id, "seq", 1}),
            new FrameRow("typing", id -> new Object[] {"conversationId", id, "active", true}),
            new FrameRow("typing", id -> new Object[] {"conversationId", id, "active", false}),
            new FrameRow("addMembers", id -> new Object[] {"conversationId", id, "userIds", List.of(UUID.randomUUID().toString())}),
            new FrameRow("removeMember", id -> new Object[] {"conversationId", id, "userId", "someone"}),
            new FrameRow("leaveGroup", id -> new Object[] {"conversationId", id}),
            new FrameRow("renameGroup", id -> new Object[] {"conversationId", id, "title", "mine now"}),
            new FrameRow("history", id -> new Object[] {"conversationId", id}),
            new FrameRow("history", id -> new Object[] {"conversationId", id, "afterSeq", 0}),
            new FrameRow("history", id -> new Object[] {"conversationId", id, "beforeSeq", 2, "limit", 1}));

    /** REST routes an outsider asks about a conversation, the id in the path. */
    private static final List<String> ROUTES = List.of(
            "/api/conversations/%s/messages",
            "/api/conversations/%s/messages?afterSeq=0",
            "/api/conversations/%s/messages?beforeSeq=2&limit=1");

    @Test
    void noFrameOrRouteTellsAConversationThatExistsFromOneThatDoesNot() throws Exception {
        UserId ada = register("ada");
        UserId bob = register("bob");
        UserId carl = register("carl");
        UserId eve = register("eve");
        String direct;
        String group;
        try (ChatSocket adaSocket = ChatSocket.connect(port, token(ada))) {
            direct = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
            adaSocket.ack("send", "conversationId", direct, "clientMsgId", "c-1", "text", "seq 1 exists");
            group = adaSocket.ack("createGroup", "title", "club", "memberIds", List.of(bob.value()))
                    .path("conversationId").asText();
            adaSocket.ack("send", "conversationId", group, "clientMsgId", "c-1", "text", "seq 1 exists");
        }
        // Never opened: Ada and Carl have no conversation, and no group has this id.
        Map<String, String> existingToMissing = Map.of(
                direct, ConversationId.direct(ada, carl).value(),
                group, "g:" + UUID.randomUUID());

        try (ChatSocket eveSocket = ChatSocket.connect(port, token(eve))) {
            for (Map.Entry<String, String> pair : existingToMissing.entrySet()) {
                for (FrameRow row : FRAMES) {
                    JsonNode existing = answer(eveSocket.call(row.type(), row.fields().apply(pair.getKey())), pair.getKey());
                    JsonNode missing = answer(eveSocket.call(row.type(), row.fields().apply(pair.getValue())), pair.getValue());
                    assertThat(existing).as(row.type() + " " + List.of(row.fields().apply("<id>")) + " on " + pair.getKey())
                            .isEqualTo(missing);
                    assertThat(existing.path("type").asText()).as(row.type()).isEqualTo("error");
                }
                for (String route : ROUTES) {
                    String existing = get(String.format(route, pair.getKey()), eve, pair.getKey());
                    String missing = get(String.format(route, pair.getValue()), eve, pair.getValue());
                    assertThat(existing).as(route + " on " + pair.getKey()).isEqualTo(missing);
                }
            }
        }
    }

    @Test
    void liftingABlockThatIsNotThereAnswersTheSameForAUserWhoExistsAndOneWhoDoesNot() throws Exception {
        UserId eve = register("eve");
        UserId someone = register("someone");
        String ghost = UUID.randomUUID().toString();
        assertThat(delete("/api/users/me/blocks/" + someone.value(), eve, someone.value()))
                .isEqualTo(delete("/api/users/me/blocks/" + ghost, eve, ghost))
                .startsWith("204");
    }

    /** The reply without its request id, the conversation id written out. */
    private JsonNode answer(JsonNode reply, String id) throws Exception {
        return json.readTree(reply.toString().replace(id, "<id>").replace("\"id\":\"" + reply.path("id").asText() + "\"", "\"id\":\"-\""));
    }

    private String get(String path, UserId user, String id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token(user)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().replace(id, "<id>");
    }

    private String delete(String path, UserId user, String id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token(user)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().replace(id, "<id>");
    }

    private UserId register(String prefix) throws Exception {
        return new Requests(port, tokens).register(prefix);
    }

    private String token(UserId user) {
        return TestTokens.sign(tokens, user);
    }
}
