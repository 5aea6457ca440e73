package dev.parley.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.user.UserRegistered;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Registration and sign-in through the public REST routes, against the real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.auth.admin.username=root_admin", "parley.auth.admin.password=admin-password-for-tests"})
@UsesRealServers
class AccountsIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    JwtDecoder tokens;

    record Answer(int status, String contentType, JsonNode body) {
    }

    private Answer post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
    }

    private static String uniqueName() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String registration(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"displayName\":\"Ada\"}";
    }

    @Test
    void aNewUserIsCreatedWithAnAccountRowAndAUserRegisteredEvent() throws Exception {
        String username = uniqueName();

        Answer created = post("/api/users", registration(username, "correct horse battery"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("username").asText()).isEqualTo(username);
        assertThat(created.body().path("displayName").asText()).isEqualTo("Ada");
        String userId = created.body().path("userId").asText();
        assertThat(jdbc.queryForObject("SELECT password_hash FROM user_accounts WHERE user_id = ?", String.class, userId))
                .startsWith("{argon2}").doesNotContain("correct horse battery");
        assertThat(eventStore.readEvents(userId, 0).asStream().map(event -> event.getPayload()).toList())
                .singleElement().isInstanceOfSatisfying(UserRegistered.class,
                        event -> assertThat(event.username()).isEqualTo(username));
    }

    @Test
    void racingRegistrationsOfOneUsernameGiveOneWinner() throws Exception {
        String username = uniqueName();
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            statuses.add(pool.submit(() -> {
                start.await();
                return post("/api/users", registration(username, "password-" + UUID.randomUUID())).status();
            }));
        }
        start.countDown();
        List<Integer> answers = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            answers.add(status.get());
        }
        pool.shutdown();

        assertThat(answers).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
        String winner = jdbc.queryForObject("SELECT user_id FROM user_accounts WHERE username = ?", String.class, username);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ? AND convert_from(payload, 'UTF8') LIKE ?",
                Long.class, UserRegistered.class.getName(), "%" + username + "%")).isEqualTo(1L);
        assertThat(eventStore.readEvents(winner, 0).asStream()).hasSize(1);
    }

    @Test
    void aTakenUsernameIsAConflictProblem() throws Exception {
        String username = uniqueName();
        post("/api/users", registration(username, "first password"));

        Answer again = post("/api/users", registration(username, "second password"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body().path("code").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void badInputIsABadRequestProblemAndCreatesNothing() throws Exception {
        String username = uniqueName();
        Answer shortPassword = post("/api/users", registration(username, "short"));
        Answer badName = post("/api/users", registration("Not Valid!", "long enough password"));
        Answer malformed = post("/api/users", "{\"username\": ");

        assertThat(List.of(shortPassword.status(), badName.status(), malformed.status())).containsOnly(400);
        assertThat(shortPassword.body().path("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM user_accounts WHERE username = ?", Long.class, username))
                .isZero();
    }

    @Test
    void signingInReturnsATokenForTheUserAndAWrongPasswordIsUnauthorized() throws Exception {
        String username = uniqueName();
        String userId = post("/api/users", registration(username, "my long password")).body().path("userId").asText();

        Answer session = post("/api/sessions", "{\"username\":\"" + username + "\",\"password\":\"my long password\"}");
        Answer wrong = post("/api/sessions", "{\"username\":\"" + username + "\",\"password\":\"not my password\"}");
        Answer unknown = post("/api/sessions", "{\"username\":\"nobody_here\",\"password\":\"whatever1\"}");

        assertThat(session.status()).isEqualTo(200);
        assertThat(session.body().path("userId").asText()).isEqualTo(userId);
        Jwt token = tokens.decode(session.body().path("token").asText());
        assertThat(token.getSubject()).isEqualTo(userId);
        assertThat(token.getClaimAsStringList("roles")).containsExactly("user");
        assertThat(session.body().path("expiresAt").asText()).isNotEmpty();
        assertThat(List.of(wrong.status(), unknown.status())).containsOnly(401);
        assertThat(wrong.body()).isEqualTo(unknown.body().deepCopy()).as("the same answer either way");
    }

    @Test
    void withNoTrustedProxyAClientCannotChooseItsAddressByHeader() throws Exception {
        String username = uniqueName();
        post("/api/users", registration(username, "my long password"));

        List<Integer> guesses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            guesses.add(signInFrom("203.0.113." + i, username, "guess " + i).status());
        }
        Answer claimedElsewhere = signInFrom("203.0.113.99", username, "my long password");

        // The node trusts no proxy by default: every request above came from 127.0.0.1, whatever it claimed,
        // so the fourth failure made that one address wait.
        assertThat(guesses).containsOnly(401);
        assertThat(claimedElsewhere.status()).isEqualTo(429);
        assertThat(claimedElsewhere.contentType()).startsWith("application/problem+json");
        assertThat(claimedElsewhere.body().path("code").asText()).isEqualTo("RATE_LIMITED");
    }

    private Answer signInFrom(String claimedAddress, String username, String password) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sessions"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", claimedAddress)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build());
    }

    @Test
    void otherRoutesNeedAValidToken() throws Exception {
        URI route = URI.create("http://127.0.0.1:" + port + "/api/anything");
        Answer none = send(HttpRequest.newBuilder(route).GET().build());
        Answer forged = send(HttpRequest.newBuilder(route).header("Authorization", "Bearer not.a.token").GET().build());

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(forged.status()).isEqualTo(401);
    }

    @Test
    void theConfiguredAdminCanSignInWithTheAdminRole() throws Exception {
        Answer session = post("/api/sessions", "{\"username\":\"root_admin\",\"password\":\"admin-password-for-tests\"}");

        assertThat(session.status()).isEqualTo(200);
        assertThat(tokens.decode(session.body().path("token").asText()).getClaimAsStringList("roles"))
                .containsExactlyInAnyOrder("user", "admin");
    }
}
