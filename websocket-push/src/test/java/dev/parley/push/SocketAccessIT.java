package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.UserId;
import dev.parley.platform.security.ParleySecurityAutoConfiguration;
import dev.parley.platform.security.RevokedSessions;
import dev.parley.push.socket.LocalSockets;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Who may open a socket on a push node with its default settings, over real sockets and Redis: tickets
 * and the header only (no token in the URL), browsers of the node's own origin only, a per-user cap that
 * parallel connects cannot pass, sockets of a signed-out session closed at once (4001), and health
 * details for admins only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class SocketAccessIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    JwtDecoder decoder;
    @Autowired
    RevokedSessions revoked;
    @Autowired
    LocalSockets sockets;
    @Autowired
    PushProperties properties;

    @Test
    void aTicketOpensOneSocketAsItsUserOnce() throws Exception {
        UserId user = UserId.random();
        HttpResponse<String> issued = postTicket(TestTokens.sign(tokens, user, "user"));
        assertThat(issued.statusCode()).isEqualTo(201);
        String ticket = json.readTree(issued.body()).path("ticket").asText();
        assertThat(ticket).hasSizeGreaterThanOrEqualTo(43);

        try (ChatSocket socket = ChatSocket.connect(ws("?ticket=" + ticket), Map.of(), true)) {
            assertThat(socket.ack("ping").path("type").asText()).isEqualTo("ack");
            await().atMost(WAIT).until(() -> sockets.all().stream().anyMatch(open -> open.user().equals(user)));
            assertThat(ChatSocket.refusedUpgradeStatus(ws("?ticket=" + ticket), Map.of())).as("used once").isEqualTo(401);
        }
    }

    @Test
    void aTicketNeedsAValidTokenAndAnUnknownTicketOpensNothing() throws Exception {
        assertThat(postTicket(null).statusCode()).isEqualTo(401);
        assertThat(postTicket("not.a.token").statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = upgradeAttempt("?ticket=" + "A".repeat(43));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(ChatSocket.refusedUpgradeStatus(ws("?ticket=" + "x".repeat(5_000)), Map.of())).isEqualTo(401);
    }

    @Test
    void anAccessTokenInTheUrlIsNotAccepted() {
        String token = TestTokens.sign(tokens, UserId.random(), "user");

        assertThat(ChatSocket.refusedUpgradeStatus(ws("?access_token=" + token), Map.of())).isEqualTo(401);
        try (ChatSocket header = ChatSocket.connect(port, token)) {
            assertThat(header.ack("ping").path("type").asText()).as("the header still works").isEqualTo("ack");
        }
    }

    @Test
    void byDefaultABrowserFromAnotherOriginIsRefusedAndOneFromTheNodesOwnOriginIsNot() {
        String token = TestTokens.sign(tokens, UserId.random(), "user");

        assertThat(ChatSocket.refusedUpgradeStatus(ws(""), Map.of("Authorization", "Bearer " + token,
                "Origin", "https://evil.example.org"))).isEqualTo(403);
        try (ChatSocket sameOrigin = ChatSocket.connect(ws(""), Map.of("Authorization", "Bearer " + token,
                "Origin", "http://127.0.0.1:" + port), true)) {
            assertThat(sameOrigin.ack("ping").path("type").asText()).isEqualTo("ack");
        }
    }

    @Test
    void signingOutASessionClosesItsSocketsWith4001AndRefusesItsTokenHere() throws Exception {
        UserId user = UserId.random();
        String signedOut = TestTokens.sign(tokens, user, "user");
        String otherSession = TestTokens.sign(tokens, user, "user");
        try (ChatSocket phone = ChatSocket.connect(port, signedOut);
             ChatSocket laptop = ChatSocket.connect(port, otherSession)) {
            assertThat(phone.ack("ping").path("type").asText()).isEqualTo("ack");
            assertThat(laptop.ack("ping").path("type").asText()).isEqualTo("ack");

            // What the command side does on DELETE /api/sessions/current, through the same Redis.
            revoked.revoke(user.value(), List.of(sessionOf(signedOut)));

            assertThat(phone.awaitClose(WAIT)).isEqualTo(4001);
            assertThat(laptop.ack("ping").path("type").asText()).as("another session of the user").isEqualTo("ack");
            assertThat(postTicket(signedOut).statusCode()).isEqualTo(401);
            assertThat(ChatSocket.refusedUpgradeStatus(ws(""), Map.of("Authorization", "Bearer " + signedOut))).isEqualTo(401);
        }
    }

    @Test
    void aTicketTakenBeforeItsSessionWasSignedOutOpensNothing() throws Exception {
        UserId user = UserId.random();
        String token = TestTokens.sign(tokens, user, "user");
        String ticket = json.readTree(postTicket(token).body()).path("ticket").asText();

        revoked.revoke(user.value(), List.of(sessionOf(token)));

        assertThat(ChatSocket.refusedUpgradeStatus(ws("?ticket=" + ticket), Map.of())).isEqualTo(401);
    }

    @Test
    void parallelConnectsOfOneUserCannotPassThePerUserCap() throws Exception {
        UserId user = UserId.random();
        int cap = properties.maxSocketsPerUser();
        int connects = cap * 3;
        ExecutorService threads = Executors.newFixedThreadPool(connects);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ChatSocket>> attempts = new ArrayList<>();
        for (int i = 0; i < connects; i++) {
            String token = TestTokens.sign(tokens, user, "user");
            attempts.add(threads.submit(() -> {
                start.await();
                return ChatSocket.connect(port, token);
            }));
        }
        start.countDown();
        List<ChatSocket> opened = new ArrayList<>();
        try {
            for (Future<ChatSocket> attempt : attempts) {
                opened.add(attempt.get());
            }
            List<CompletableFuture<Integer>> closes = opened.stream()
                    .map(socket -> CompletableFuture.supplyAsync(() -> socket.awaitClose(Duration.ofSeconds(5)))
                            .exceptionally(stillOpen -> null))
                    .toList();
            long refused = closes.stream().map(CompletableFuture::join).filter(code -> code != null && code == 1008).count();

            assertThat(refused).isEqualTo(connects - cap);
            assertThat(sockets.all().stream().filter(socket -> socket.user().equals(user)).count()).isEqualTo(cap);
        } finally {
            opened.forEach(ChatSocket::close);
            threads.shutdown();
        }
    }

    @Test
    void healthShowsItsDetailsToAdminsOnly() throws Exception {
        JsonNode anyone = health(null);
        JsonNode user = health(TestTokens.sign(tokens, UserId.random(), "user"));
        JsonNode admin = health(TestTokens.sign(tokens, UserId.random(), "user", "admin"));

        for (JsonNode notAdmin : List.of(anyone, user)) {
            assertThat(notAdmin.path("components").path("redis").path("status").asText()).isEqualTo("UP");
            assertThat(notAdmin.path("components").path("redis").has("details")).isFalse();
        }
        assertThat(admin.path("components").path("redis").path("details").isObject()).isTrue();
    }

    private JsonNode health(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpResponse<String> postTicket(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ws-tickets"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A plain GET of the upgrade URL: what a refused upgrade answers, body and headers. */
    private HttpResponse<String> upgradeAttempt(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws" + query))
                .header("Sec-WebSocket-Version", "13").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sessionOf(String token) {
        return decoder.decode(token).getClaimAsString(ParleySecurityAutoConfiguration.SESSION_CLAIM);
    }

    private URI ws(String query) {
        return URI.create("ws://127.0.0.1:" + port + "/ws" + query);
    }
}
