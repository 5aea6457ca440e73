package dev.parley.query.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.query.RouteClient;
import dev.parley.query.RouteClient.Answer;
import dev.parley.testing.UsesRealServers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * {@code GET /api/users/{id}/presence} over the member, consent and presence read models in the real
 * Redis (written here as their projections write them): seen by those the presence push goes to, the
 * same 404 as an unknown user for everyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresenceRoutesIT {

    private static final Instant CAME_ONLINE = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
    private static final Instant WENT_AWAY = CAME_ONLINE.minusSeconds(3_600);

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JwtEncoder tokens;

    private final UserId ada = UserId.random();
    private final UserId bob = UserId.random();
    /** In a group with Ada, where she has never written. */
    private final UserId carl = UserId.random();
    /** Wrote to Ada, then blocked her. */
    private final UserId dora = UserId.random();
    private final UserId stranger = UserId.random();
    private final ConversationId adaAndBob = ConversationId.direct(ada, bob);
    private final ConversationId adaAndDora = ConversationId.direct(ada, dora);
    private final ConversationId group = ConversationId.newGroup();

    @BeforeAll
    void readModels() {
        members(adaAndBob, ada, bob);
        members(adaAndDora, ada, dora);
        members(group, ada, bob, carl);
        // Bob and Dora wrote to Ada, Carl wrote in the group; Ada only to Bob.
        spoke(bob, adaAndBob);
        spoke(dora, adaAndDora);
        spoke(carl, group);
        spoke(ada, adaAndBob);
        redis.opsForSet().add(RedisKeys.blocks(dora), ada.value());
        redis.opsForSet().add(RedisKeys.blockedBy(ada), dora.value());
        presence(bob, true, CAME_ONLINE);
        presence(carl, false, WENT_AWAY);
        presence(dora, true, CAME_ONLINE);
    }

    private void members(ConversationId conversation, UserId... users) {
        for (UserId user : users) {
            redis.opsForSet().add(RedisKeys.members(conversation), user.value());
        }
    }

    private void spoke(UserId user, ConversationId conversation) {
        redis.opsForSet().add(RedisKeys.spokeIn(user), conversation.value());
    }

    private void presence(UserId user, boolean online, Instant at) {
        redis.opsForHash().putAll(RedisKeys.presence(user), online
                ? Map.of("online", "1", "at", Long.toString(at.toEpochMilli()))
                : Map.of("online", "0", "at", Long.toString(at.toEpochMilli()), "lastSeen", Long.toString(at.toEpochMilli())));
    }

    private Answer presenceOf(UserId user, UserId asker) throws Exception {
        RouteClient routes = new RouteClient(port, tokens);
        return routes.get("/api/users/" + user.value() + "/presence", asker == null ? null : routes.token(asker, "user"));
    }

    @Test
    void whoSharesAConversationTheUserWroteInSeesThemOnlineOrWhenLastSeen() throws Exception {
        Answer bobNow = presenceOf(bob, ada);
        assertThat(bobNow.status()).isEqualTo(200);
        assertThat(bobNow.body().path("online").asBoolean()).isTrue();
        assertThat(Instant.parse(bobNow.body().path("lastSeen").asText())).isEqualTo(CAME_ONLINE);

        // Carl wrote in a group Ada is in: she sees him though they have no direct chat.
        Answer carlNow = presenceOf(carl, ada);
        assertThat(carlNow.status()).isEqualTo(200);
        assertThat(carlNow.body().path("online").asBoolean()).isFalse();
        assertThat(Instant.parse(carlNow.body().path("lastSeen").asText())).isEqualTo(WENT_AWAY);
    }

    @Test
    void whoTheUserNeverWroteToBlockedOrAStrangerGetsTheAnswerOfAnUnknownUser() throws Exception {
        // Ada wrote to Bob, so he sees her; Carl shares only the group with her, where she never wrote.
        assertThat(presenceOf(ada, bob).status()).isEqualTo(200);
        assertThat(presenceOf(ada, carl).status()).isEqualTo(404);
        assertThat(presenceOf(dora, ada).status()).isEqualTo(404);
        assertThat(presenceOf(bob, stranger).status()).isEqualTo(404);
        Answer unknown = presenceOf(UserId.random(), ada);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void noTokenIsRefused() throws Exception {
        assertThat(presenceOf(bob, null).status()).isEqualTo(401);
    }
}
