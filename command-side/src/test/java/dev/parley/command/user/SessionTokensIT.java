package dev.parley.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.platform.security.ParleySecurityAutoConfiguration;
import dev.parley.testing.MutableClock;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Sessions over the real routes, PostgreSQL and Redis: short-lived access tokens, refresh with rotation,
 * a rotated refresh token presented again ending the whole session, sign-out and sign-out everywhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.auth.revocations-check-interval=1s")
@UsesRealServers
@Import(SessionTokensIT.StillClock.class)
class SessionTokensIT {

    /** The context's clock, moved by the tests: how a session's sliding expiry is reached without waiting. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StillClock {
        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.now());
        }
    }

    private static final String PASSWORD = "my long password";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JwtDecoder decoder;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    MutableClock clock;

    record Answer(int status, JsonNode body) {
    }

    @Test
    void signInGivesAFifteenMinuteAccessTokenNamingItsSessionAndARandomRefreshTokenStoredOnlyAsAHash() throws Exception {
        Instant before = clock.instant();
        Answer session = signIn(newUser());

        assertThat(session.status()).isEqualTo(200);
        String refreshToken = session.body().path("refreshToken").asText();
        assertThat(refreshToken).hasSizeGreaterThanOrEqualTo(43).doesNotContain(".");
        var token = decoder.decode(session.body().path("token").asText());
        String sessionId = token.getClaimAsString(ParleySecurityAutoConfiguration.SESSION_CLAIM);
        assertThat(sessionId).isNotBlank();
        assertThat(token.getExpiresAt()).isEqualTo(before.plus(Duration.ofMinutes(15)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(Instant.parse(session.body().path("expiresAt").asText())).isEqualTo(before.plus(Duration.ofMinutes(15)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_tokens WHERE session_id = ?", Long.class, sessionId))
                .isEqualTo(1L);
        // Searched as bytes: a hash may hold any byte, 0x00 included, which no text encoding converts.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_tokens WHERE position(convert_to(?, 'UTF8') IN token_hash) > 0",
                Long.class, refreshToken)).isZero();
    }

    @Test
    void aRefreshGivesNewTokensOfTheSameSessionAndTheOldRefreshTokenStopsWorking() throws Exception {
        Answer first = signIn(newUser());
        String sessionId = sessionOf(first);

        Answer second = refresh(first.body().path("refreshToken").asText());

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("userId").asText()).isEqualTo(first.body().path("userId").asText());
        assertThat(second.body().path("refreshToken").asText()).isNotEqualTo(first.body().path("refreshToken").asText());
        assertThat(sessionOf(second)).isEqualTo(sessionId);
        assertThat(probe(second.body().path("token").asText())).isEqualTo(404);
        assertThat(refresh(second.body().path("refreshToken").asText()).status()).as("the newest one works").isEqualTo(200);
    }

    @Test
    void aRotatedRefreshTokenPresentedAgainEndsTheWholeSession() throws Exception {
        Answer stolen = signIn(newUser());
        Answer rightful = refresh(stolen.body().path("refreshToken").asText());

        Answer replay = refresh(stolen.body().path("refreshToken").asText());

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.body().path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(refresh(rightful.body().path("refreshToken").asText()).status())
                .as("the session's newest refresh token is ended too").isEqualTo(401);
        assertThat(probe(rightful.body().path("token").asText())).as("and its access tokens").isEqualTo(401);
        assertThat(probe(stolen.body().path("token").asText())).isEqualTo(401);
    }

    @Test
    void unknownRefreshTokensAreUnauthorizedAndOversizedOrMissingOnesABadRequest() throws Exception {
        assertThat(refresh("not-a-token").status()).isEqualTo(401);
        assertThat(refresh("").status()).isEqualTo(401);
        // Refused as the body is read, as an over-long username at sign-in: no token is that long.
        assertThat(refresh("x".repeat(10_000)).status()).isEqualTo(400);
        assertThat(post("/api/sessions/refresh", "{}", null).status()).isEqualTo(400);
    }

    @Test
    void aSessionUnusedForThirtyDaysExpiresAndEachRefreshMovesItsEnd() throws Exception {
        Answer session = signIn(newUser());

        clock.advance(Duration.ofDays(29));
        Answer refreshed = refresh(session.body().path("refreshToken").asText());
        clock.advance(Duration.ofDays(29));
        Answer again = refresh(refreshed.body().path("refreshToken").asText());
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        Answer expired = refresh(again.body().path("refreshToken").asText());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(again.status()).as("58 days after sign-in, used every 29").isEqualTo(200);
        assertThat(expired.status()).isEqualTo(401);
    }

    @Test
    void signingOutEndsThisSessionOnlyAndItsAccessTokenIsRefusedAtOnce() throws Exception {
        String username = newUser();
        Answer phone = signIn(username);
        Answer laptop = signIn(username);
        String token = phone.body().path("token").asText();
        String revokedKey = RedisKeys.revokedSession(phone.body().path("userId").asText(), sessionOf(phone));
        assertThat(probe(token)).isEqualTo(404);

        Answer signedOut = delete("/api/sessions/current", token);

        assertThat(signedOut.status()).isEqualTo(204);
        assertThat(probe(token)).isEqualTo(401);
        assertThat(refresh(phone.body().path("refreshToken").asText()).status()).isEqualTo(401);
        assertThat(redis.hasKey(revokedKey)).isTrue();
        assertThat(redis.getExpire(revokedKey))
                .as("remembered as long as an access token lives, and the clock skew").isBetween(900L, 960L);
        assertThat(probe(laptop.body().path("token").asText())).as("another session of the same user").isEqualTo(404);
        assertThat(refresh(laptop.body().path("refreshToken").asText()).status()).isEqualTo(200);
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheUser() throws Exception {
        String username = newUser();
        Answer phone = signIn(username);
        Answer laptop = signIn(username);
        Answer other = signIn(newUser());

        Answer signedOut = delete("/api/sessions", laptop.body().path("token").asText());

        assertThat(signedOut.status()).isEqualTo(204);
        for (Answer session : new Answer[] {phone, laptop}) {
            assertThat(probe(session.body().path("token").asText())).isEqualTo(401);
            assertThat(refresh(session.body().path("refreshToken").asText()).status()).isEqualTo(401);
        }
        assertThat(probe(other.body().path("token").asText())).as("someone else's session").isEqualTo(404);
        assertThat(signIn(username).status()).as("signing in again starts afresh").isEqualTo(200);
    }

    @Test
    void revokedSessionsThatRedisLostAreRevokedAgainFromTheSessionsEnded() throws Exception {
        Answer phone = signIn(newUser());
        String token = phone.body().path("token").asText();
        String revokedKey = RedisKeys.revokedSession(phone.body().path("userId").asText(), sessionOf(phone));
        assertThat(delete("/api/sessions/current", token).status()).isEqualTo(204);

        // Redis loses its data: here this session's revocation and the marker that says revocations are held.
        redis.delete(List.of(revokedKey, RedisKeys.REVOCATIONS_RESTORED));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(redis.hasKey(revokedKey)).isTrue());
        assertThat(probe(token)).as("the signed-out session's token is refused again").isEqualTo(401);
        assertThat(redis.hasKey(RedisKeys.REVOCATIONS_RESTORED)).isTrue();
    }

    @Test
    void signOutNeedsAValidToken() throws Exception {
        assertThat(delete("/api/sessions/current", null).status()).isEqualTo(401);
        assertThat(delete("/api/sessions", "not.a.token").status()).isEqualTo(401);
    }

    private String newUser() throws Exception {
        String username = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Answer created = post("/api/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"displayName\":\"Sam\"}", null);
        assertThat(created.status()).isEqualTo(201);
        return username;
    }

    private Answer signIn(String username) throws Exception {
        return post("/api/sessions", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}", null);
    }

    private Answer refresh(String refreshToken) throws Exception {
        return post("/api/sessions/refresh", json.writeValueAsString(java.util.Map.of("refreshToken", refreshToken)), null);
    }

    private String sessionOf(Answer session) {
        return decoder.decode(session.body().path("token").asText()).getClaimAsString(ParleySecurityAutoConfiguration.SESSION_CLAIM);
    }

    /** 404 with a token the node accepts (no such route), 401 with one it refuses. */
    private int probe(String token) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/no-such-route")).header("Authorization", "Bearer " + token).GET()).status();
    }

    private Answer post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    private Answer delete(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).DELETE();
        return send(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
