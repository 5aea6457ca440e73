package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.admin.ParleyAdmin;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.transport.CommandSender;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.ServerChecks;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The four services composed into one application: every server healthy, and a message travels the
 * whole way, from a command through the store, the events topic and the projections to the read API.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.commands.client-enabled=true")
@UsesRealServers
// Closed after these tests: its processors and consumers would go on beside those of the next class's
// application (WebSocketChatIT holds its conversations projection back, which another would not).
@DirtiesContext
class StandaloneParleyIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JwtEncoder tokens;

    @Test
    void reportsEveryServerHealthyUnderItsOwnName() throws Exception {
        ServerChecks.assertHealthUp(port, "postgres", "kafka", "cassandra", "redis", "s3");
    }

    @Test
    void aSentMessageReachesTheConversationListAndHistoryOfBothMembers() throws Exception {
        String adaName = "ada_" + UUID.randomUUID().toString().substring(0, 8);
        String bobName = "bob_" + UUID.randomUUID().toString().substring(0, 8);
        UserId ada = register(adaName);
        UserId bob = register(bobName);
        String bobToken = signIn(bobName);

        ConversationId chat = commands.sendAndWait(OpenDirect.between(ada, bob), ConversationId.class);
        commands.sendAndWait(new SendMessage(chat, ada, "c-1", "hello bob", null), MessageAccepted.class);
        MessageAccepted second = commands.sendAndWait(new SendMessage(chat, ada, "c-2", "are you there?", null),
                MessageAccepted.class);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode list = get("/api/conversations", bobToken).path("conversations");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).path("lastSeq").asLong()).isEqualTo(2);
            assertThat(list.get(0).path("unread").asLong()).isEqualTo(2);
            assertThat(list.get(0).path("lastMessage").path("text").asText()).isEqualTo("are you there?");
        });
        JsonNode history = get("/api/conversations/" + chat.value() + "/messages", bobToken).path("messages");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).path("messageId").asText()).isEqualTo(second.messageId().value());
        assertThat(history.get(0).path("text").asText()).isEqualTo("hello bob");
        // The push fan-out's member set (another processor: it may come a moment later).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(redis.opsForSet().members(RedisKeys.members(chat))).containsExactlyInAnyOrder(ada.value(), bob.value()));
    }

    @Test
    void aProfileChangedOverRestReachesTheProfileRoutesAndSearch() throws Exception {
        String adaName = "ada_" + UUID.randomUUID().toString().substring(0, 8);
        String bobName = "bob_" + UUID.randomUUID().toString().substring(0, 8);
        UserId ada = register(adaName);
        register(bobName);
        String adaToken = signIn(adaName);
        String bobToken = signIn(bobName);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(send("GET", "/api/users/me", adaToken, null).statusCode()).isEqualTo(200));

        HttpResponse<String> changed = send("PATCH", "/api/users/me", adaToken, "{\"displayName\":\"Ada Lovelace\"}");

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).path("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(json.readTree(changed.body()).path("username").asText()).isEqualTo(adaName);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("/api/users/" + ada.value(), bobToken).path("displayName").asText()).isEqualTo("Ada Lovelace"));
        JsonNode found = get("/api/users?query=" + adaName, bobToken).path("users");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("userId").asText()).isEqualTo(ada.value());
        assertThat(found.get(0).path("displayName").asText()).isEqualTo("Ada Lovelace");
    }

    /**
     * Signed out through the command side's route: the query side's routes refuse the token, the push
     * edge closes the session's socket with 4001 and refuses a new ticket, and the refresh token is dead.
     */
    @Test
    void signingOutOnTheCommandSideRevokesTheSessionOnTheQuerySideAndThePushEdge() throws Exception {
        String adaName = "ada_" + UUID.randomUUID().toString().substring(0, 8);
        register(adaName);
        JsonNode session = json.readTree(signInAnswer(adaName));
        String token = session.path("token").asText();
        JsonNode otherSession = json.readTree(signInAnswer(adaName));
        HttpResponse<String> ticket = send("POST", "/api/ws-tickets", token, null);
        assertThat(ticket.statusCode()).isEqualTo(201);
        try (ChatSocket socket = ChatSocket.connect(URI.create("ws://127.0.0.1:" + port + "/ws?ticket="
                + json.readTree(ticket.body()).path("ticket").asText()), Map.of(), true)) {
            assertThat(socket.ack("ping").path("type").asText()).isEqualTo("ack");
            assertThat(send("GET", "/api/conversations", token, null).statusCode()).isEqualTo(200);

            assertThat(send("DELETE", "/api/sessions/current", token, null).statusCode()).isEqualTo(204);

            assertThat(socket.awaitClose(Duration.ofSeconds(20))).isEqualTo(4001);
            assertThat(send("GET", "/api/conversations", token, null).statusCode()).isEqualTo(401);
            assertThat(send("POST", "/api/ws-tickets", token, null).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sessions/refresh"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"refreshToken\":\"" + session.path("refreshToken").asText() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(send("GET", "/api/conversations", otherSession.path("token").asText(), null).statusCode())
                    .as("the user's other session").isEqualTo(200);
        }
    }

    private String signInAnswer(String username) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username
                        + "\",\"password\":\"a long password\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private UserId register(String username) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username
                        + "\",\"password\":\"a long password\",\"displayName\":\"" + username + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return new UserId(json.readTree(response.body()).path("userId").asText());
    }

    private String signIn(String username) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username
                        + "\",\"password\":\"a long password\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).path("token").asText();
    }

    @Test
    void anAdminReplaysReadModelsWithTheToolAndTheRoutesWhileTheyKeepServing() throws Exception {
        String adaName = "ada_" + UUID.randomUUID().toString().substring(0, 8);
        UserId ada = register(adaName);
        String adaToken = signIn(adaName);
        String admin = token(UserId.random(), "user", "admin");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(send("GET", "/api/users/me", adaToken, null).statusCode()).isEqualTo(200);
            JsonNode projections = get("/admin/projections", admin).path("projections");
            assertThat(names(projections, "running")).contains("conversations", "users", "membership", "presence");
        });

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ParleyAdmin.run(new String[] {"replay", "users", "--url", "http://127.0.0.1:" + port, "--token", admin},
                Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("users replayed");
        JsonNode users = find(get("/admin/projections", admin).path("projections"), "users");
        assertThat(users.path("replaying").asBoolean()).isFalse();
        assertThat(users.path("replayFinishedAt").asText()).isNotEmpty();
        assertThat(get("/api/users/" + ada.value(), adaToken).path("username").asText()).isEqualTo(adaName);

        // Over REST: one replay at a time, known read models only, admins only.
        assertThat(send("POST", "/admin/projections/membership/replay", admin, null).statusCode()).isEqualTo(202);
        assertThat(send("POST", "/admin/projections/membership/replay", admin, null).statusCode()).isEqualTo(409);
        assertThat(send("POST", "/admin/projections/nothing/replay", admin, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/admin/projections/users/replay", adaToken, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/admin/projections", adaToken, null).statusCode()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                find(get("/admin/projections", admin).path("projections"), "membership").path("status").asText()).isEqualTo("running"));
    }

    private static List<String> names(JsonNode projections, String status) {
        List<String> names = new ArrayList<>();
        projections.forEach(projection -> {
            if (projection.path("status").asText().equals(status)) {
                names.add(projection.path("name").asText());
            }
        });
        return names;
    }

    private static JsonNode find(JsonNode projections, String name) {
        for (JsonNode projection : projections) {
            if (projection.path("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name + " in " + projections);
    }

    private String token(UserId user, String... roles) {
        return TestTokens.sign(tokens, user, roles);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
