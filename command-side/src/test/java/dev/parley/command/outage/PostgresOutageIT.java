package dev.parley.command.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.parley.testing.HttpCalls.assertUnavailableProblem;
import static dev.parley.testing.HttpCalls.json;
import static org.awaitility.Awaitility.await;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.testing.HttpCalls;
import dev.parley.testing.KillablePostgres;
import dev.parley.testing.RealServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
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
import org.springframework.test.context.ContextConfiguration;
import dev.parley.transport.CommandSender;

/**
 * The command side whose PostgreSQL stops and comes back on the same port and data: meanwhile sign-in and
 * registration answer {@code 503} problem+json with {@code Retry-After}, and a command is answered
 * {@code UNAVAILABLE} by the command side itself within Hikari's connection timeout (not left to its
 * sender's reply timeout); once PostgreSQL is back, the same routes and the same retried command succeed
 * with no restart. The context uses the shared Kafka with a commands topic and group of its own, so that
 * no other test's command side decides its commands, and a PostgreSQL of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.commands.client-enabled=true")
@ContextConfiguration(initializers = PostgresOutageIT.OwnPostgres.class)
// Closed after the class: left alive, it would keep retrying its stopped server for the rest of the module's run.
@DirtiesContext
class PostgresOutageIT {

    /** Hikari's connection timeout (3 s) and a generous margin for a loaded machine: under the tests' 15 s reply timeout. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(12);
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final KillablePostgres POSTGRES = startPostgres();
    private static final String OWN = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    private HttpCalls http;

    /** The shared servers, but this test's own PostgreSQL and commands topic. */
    static final class OwnPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new RealServers().initialize(context);
            Map<String, Object> own = new HashMap<>(POSTGRES.springProperties());
            own.put("parley.kafka.topics.commands.name", "parley.commands.outage-" + OWN);
            own.put("parley.commands.consumer-group", "parley-command-side-outage-" + OWN);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("own-postgres", own));
        }
    }

    @BeforeEach
    void callThisNode() {
        http = new HttpCalls(port);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        POSTGRES.close();
    }

    @Test
    void whilePostgresIsDownAnswersAreBoundedAndEverythingResumesWhenItReturns() throws Exception {
        String ada = "ada" + OWN;
        String bob = "bob" + OWN;
        UserId adaId = new UserId(json(register(ada)).path("userId").asText());
        UserId bobId = new UserId(json(register(bob)).path("userId").asText());
        assertThat(signIn(ada).statusCode()).isEqualTo(200);
        ConversationId direct = commands.sendAndWait(OpenDirect.between(adaId, bobId), ConversationId.class);
        long before = commands.sendAndWait(new SendMessage(direct, adaId, "before", "before the outage", null),
                MessageAccepted.class).seq();

        POSTGRES.stop();

        long started = System.nanoTime();
        HttpResponse<String> signIn = signIn(ada);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_BOUND);
        assertUnavailableProblem(signIn);
        assertUnavailableProblem(register("carol" + OWN));

        SendMessage during = new SendMessage(direct, adaId, "during", "during the outage", null);
        started = System.nanoTime();
        assertThatThrownBy(() -> commands.sendAndWait(during, MessageAccepted.class))
                .isInstanceOfSatisfying(ChatException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    // The command side's own answer, not the sender giving up at its reply timeout.
                    assertThat(refused.getMessage()).contains("event store is unavailable");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_BOUND);

        started = System.nanoTime();
        HttpResponse<String> health = http.get("/actuator/health");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_BOUND);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json(health).path("components").path("postgres").path("status").asText()).isEqualTo("DOWN");

        POSTGRES.restart();

        await().atMost(RECOVERY).untilAsserted(() -> assertThat(signIn(ada).statusCode()).isEqualTo(200));
        await().atMost(RECOVERY).ignoreException(ChatException.class).untilAsserted(() ->
                assertThat(commands.sendAndWait(during, MessageAccepted.class).seq()).isEqualTo(before + 1));
        assertThat(register("carol" + OWN).statusCode()).isEqualTo(201);
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(json(http.get("/actuator/health"))
                .path("components").path("postgres").path("status").asText()).isEqualTo("UP"));
    }

    private HttpResponse<String> register(String username) {
        return http.post("/api/users", Map.of("username", username, "password", "correct horse battery", "displayName", username), null);
    }

    private HttpResponse<String> signIn(String username) {
        return http.post("/api/sessions", Map.of("username", username, "password", "correct horse battery"), null);
    }

    private static KillablePostgres startPostgres() {
        try {
            return KillablePostgres.startOnFreePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
