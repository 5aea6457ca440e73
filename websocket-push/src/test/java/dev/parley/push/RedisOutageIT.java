package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.parley.testing.HttpCalls.assertUnavailableProblem;
import static dev.parley.testing.HttpCalls.json;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.HttpCalls;
import dev.parley.testing.KillableRedis;
import dev.parley.testing.RealServers;
import dev.parley.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.ContextConfiguration;

/**
 * A push node whose Redis dies (SIGKILL) and comes back on the same port: meanwhile every frame is answered
 * {@code UNAVAILABLE} within the Redis command timeout and the socket stays open, a REST call and a socket
 * upgrade get {@code 503} problem+json with {@code Retry-After} (the revoked-session check cannot be made),
 * health says Redis is down; once Redis is back, the same socket and the same token work again, with no
 * restart. The node runs on the shared servers but a Redis of its own, so killing it disturbs no other test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RedisOutageIT.OwnRedis.class)
// Closed after the class: left alive, it would keep retrying its stopped server for the rest of the module's run.
@DirtiesContext
class RedisOutageIT {

    /** The Redis command timeout (spring.data.redis.timeout, 2 s) and a generous margin for a loaded machine. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(12);
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final KillableRedis REDIS = startRedis();

    private HttpCalls http;

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;

    /** The shared servers, but this test's own Redis. */
    static final class OwnRedis implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new RealServers().initialize(context);
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("own-redis", Map.of("spring.data.redis.url", REDIS.url())));
        }
    }

    @BeforeEach
    void callThisNode() {
        http = new HttpCalls(port);
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        REDIS.close();
    }

    @Test
    void whileRedisIsDownEveryAnswerIsBoundedAndEverythingResumesWhenItReturns() throws Exception {
        UserId ada = new UserId(UUID.randomUUID().toString());
        String token = TestTokens.sign(tokens, ada);
        try (ChatSocket socket = ChatSocket.connect(port, token)) {
            socket.ack("ping");
            assertThat(ticket(token).statusCode()).isEqualTo(201);

            REDIS.kill();

            // Frames: the rate limit of every type, typing's member set: all in Redis.
            assertUnavailableInTime(socket, "send", "conversationId", ConversationId.newGroup().value(),
                    "clientMsgId", UUID.randomUUID().toString(), "text", "while Redis is down");
            assertUnavailableInTime(socket, "typing", "conversationId", ConversationId.newGroup().value(), "active", true);
            assertUnavailableInTime(socket, "ping");
            assertThat(socket.isClosed()).as("the socket stays open through the outage").isFalse();

            // REST: the token's session cannot be checked, which is an outage, not a bad token.
            long started = System.nanoTime();
            HttpResponse<String> refused = ticket(token);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_BOUND);
            // The same answer as a route's outage (ProblemDetailsAdvice), when to retry in the document too.
            assertUnavailableProblem(refused);
            assertThat(ChatSocket.refusedUpgradeStatus(URI.create("ws://127.0.0.1:" + port + "/ws"),
                    Map.of("Authorization", "Bearer " + token))).isEqualTo(503);
            // A browser's upgrade carries a ticket, which is redeemed in Redis: an outage as well.
            assertThat(ChatSocket.refusedUpgradeStatus(URI.create("ws://127.0.0.1:" + port + "/ws?ticket=while-redis-is-down"),
                    Map.of())).isEqualTo(503);

            // Health: Redis down, answered in time.
            started = System.nanoTime();
            HttpResponse<String> health = http.get("/actuator/health");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_BOUND);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health).path("components").path("redis").path("status").asText()).isEqualTo("DOWN");

            REDIS.restart();

            await().atMost(RECOVERY).untilAsserted(() ->
                    assertThat(socket.call("ping").path("type").asText()).as("the same socket").isEqualTo("ack"));
            assertThat(socket.isClosed()).isFalse();
            await().atMost(RECOVERY).untilAsserted(() -> assertThat(ticket(token).statusCode()).isEqualTo(201));
            await().atMost(RECOVERY).untilAsserted(() ->
                    assertThat(json(http.get("/actuator/health")).path("components").path("redis")
                            .path("status").asText()).isEqualTo("UP"));
        }
    }

    private static void assertUnavailableInTime(ChatSocket socket, String type, Object... namesAndValues) {
        long started = System.nanoTime();
        JsonNode reply = socket.call(type, namesAndValues);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as(type).isLessThan(ANSWER_BOUND);
        assertThat(reply.path("type").asText()).as(type + ": " + reply).isEqualTo("error");
        assertThat(reply.path("code").asText()).as(type + ": " + reply).isEqualTo("UNAVAILABLE");
    }

    private HttpResponse<String> ticket(String token) {
        return http.send(HttpRequest.newBuilder(http.uri("/api/ws-tickets"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static KillableRedis startRedis() {
        try {
            return KillableRedis.startOnFreePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
