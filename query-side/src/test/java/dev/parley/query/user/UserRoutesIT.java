package dev.parley.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.kernel.UserId;
import dev.parley.query.RouteClient.Answer;
import dev.parley.query.RouteClient;
import dev.parley.testing.MutableClock;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/** The profile routes over user rows in the real Cassandra, written here as the users projection writes them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"parley.rate-limits.routes.user-searches.burst=" + UserRoutesIT.SEARCHES_PER_MINUTE,
                "parley.rate-limits.routes.user-searches.refill-one-every=6s"})
@UsesRealServers
@Import(UserRoutesIT.StillClock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserRoutesIT {

    /** The context's clock, moved by the test: the search limit's bucket refills only when it says so. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StillClock {
        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.now());
        }
    }

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static final int SEARCHES_PER_MINUTE = 10;

    @LocalServerPort
    int port;
    @Autowired
    CqlSession cassandra;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    MutableClock clock;

    /** A prefix no other test's usernames share, so that a search finds exactly this test's users. */
    private final String prefix = "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    private final UserId ada = UserId.random();
    private final UserId adam = UserId.random();
    private final UserId bob = UserId.random();
    private RouteClient routes;

    @BeforeAll
    void readModels() {
        routes = new RouteClient(port, tokens);
        user(ada, prefix + "ada", "Ada", "avatar-ada");
        user(adam, prefix + "adam", "Adam", null);
        user(bob, prefix.substring(0, 3) + "bob" + prefix.substring(3), "Bob", null);
    }

    private void user(UserId id, String username, String displayName, String avatar) {
        cassandra.execute("INSERT INTO users (user_id, username, display_name, avatar_media_id, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id.value(), username, displayName, avatar, T0, T0);
        cassandra.execute("INSERT INTO users_by_username (prefix, username, user_id) VALUES (?, ?, ?)",
                username.substring(0, 3), username, id.value());
    }

    @Test
    void aUserSeesTheirOwnProfileAndOthersPublicOnes() throws Exception {
        Answer me = routes.get("/api/users/me", routes.token(ada, "user"));
        Answer other = routes.get("/api/users/" + bob.value(), routes.token(ada, "user"));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("userId").asText()).isEqualTo(ada.value());
        assertThat(me.body().path("username").asText()).isEqualTo(prefix + "ada");
        assertThat(me.body().path("displayName").asText()).isEqualTo("Ada");
        assertThat(me.body().path("avatarMediaId").asText()).isEqualTo("avatar-ada");
        assertThat(me.body().path("avatarUrl").asText()).isEqualTo("/api/media/avatar-ada");
        assertThat(Instant.parse(me.body().path("createdAt").asText())).isEqualTo(T0);
        assertThat(other.status()).isEqualTo(200);
        assertThat(fieldNames(other.body())).containsExactlyInAnyOrder("userId", "username", "displayName", "avatarUrl");
        assertThat(other.body().path("displayName").asText()).isEqualTo("Bob");
    }

    @Test
    void searchFindsUsernamesByPrefixInOrder() throws Exception {
        String token = routes.token(bob, "user");
        Answer both = routes.get("/api/users?query=" + prefix + "ad", token);
        Answer upperCase = routes.get("/api/users?query=" + (prefix + "ADA").toUpperCase(), token);
        Answer limited = routes.get("/api/users?query=" + prefix + "&limit=1", token);
        Answer none = routes.get("/api/users?query=" + prefix + "zzz", token);

        assertThat(usernames(both.body())).containsExactly(prefix + "ada", prefix + "adam");
        assertThat(usernames(upperCase.body())).containsExactly(prefix + "ada", prefix + "adam");
        assertThat(usernames(limited.body())).containsExactly(prefix + "ada");
        assertThat(usernames(none.body())).isEmpty();
    }

    @Test
    void strangersUnknownUsersAndBadInputAreRefused() throws Exception {
        String token = routes.token(ada, "user");
        List<Answer> unauthenticated = new ArrayList<>();
        for (String path : List.of("/api/users/me", "/api/users/" + bob.value(), "/api/users?query=" + prefix)) {
            unauthenticated.add(routes.get(path, null));
        }
        unauthenticated.add(routes.send("PATCH", "/api/users/me", null, "{\"displayName\":\"Eve\"}"));
        Answer unknown = routes.get("/api/users/" + UserId.random().value(), token);
        Answer shortQuery = routes.get("/api/users?query=ab", token);
        Answer noQuery = routes.get("/api/users", token);
        Answer tooMany = routes.get("/api/users?query=" + prefix + "&limit=51", token);
        Answer longName = routes.send("PATCH", "/api/users/me", token, "{\"displayName\":\"" + "x".repeat(65) + "\"}");
        Answer badAvatar = routes.send("PATCH", "/api/users/me", token, "{\"avatarMediaId\":\"../../etc\"}");

        assertThat(unauthenticated).extracting(Answer::status).containsOnly(401);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(List.of(shortQuery, noQuery, tooMany, longName, badAvatar)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        // Nothing was changed by the refused PATCHes.
        assertThat(routes.get("/api/users/me", token).body().path("displayName").asText()).isEqualTo("Ada");
    }

    @Test
    void aUserSearchingTooOftenIsRateLimitedUntilTheBucketRefillsAndOthersAreNot() throws Exception {
        String eager = routes.token(UserId.random(), "user");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i <= SEARCHES_PER_MINUTE; i++) {
            statuses.add(routes.get("/api/users?query=" + prefix, eager).status());
        }
        Answer limited = routes.get("/api/users?query=" + prefix, eager);
        Answer someoneElse = routes.get("/api/users?query=" + prefix, routes.token(UserId.random(), "user"));
        // The bucket refills the limit a minute, evenly: one search comes back after a minute's share.
        clock.advance(Duration.ofMinutes(1).dividedBy(SEARCHES_PER_MINUTE));
        Answer afterAShare = routes.get("/api/users?query=" + prefix, eager);
        Answer nextOne = routes.get("/api/users?query=" + prefix, eager);

        assertThat(statuses.subList(0, SEARCHES_PER_MINUTE)).containsOnly(200);
        assertThat(statuses.get(SEARCHES_PER_MINUTE)).isEqualTo(429);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.body().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(limited.retryAfter()).isEqualTo("6");
        assertThat(limited.body().path("retryAfterMs").asLong()).isEqualTo(6_000);
        assertThat(someoneElse.status()).isEqualTo(200);
        assertThat(afterAShare.status()).isEqualTo(200);
        assertThat(nextOne.status()).isEqualTo(429);
    }

    private static List<String> usernames(JsonNode answer) {
        return StreamSupport.stream(answer.path("users").spliterator(), false).map(user -> user.path("username").asText()).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
