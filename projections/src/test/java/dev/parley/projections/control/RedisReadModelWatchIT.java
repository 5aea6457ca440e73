package dev.parley.projections.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.projections.ProjectionIT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Redis loses a read model's data (here: a group's member set and the read model's marker, which is what
 * a Redis restarted without its data shows; only this test's keys go, since other tests share the server):
 * the projections notice the missing marker and replay the read model, and the set is back, with no one
 * asking.
 */
class RedisReadModelWatchIT extends ProjectionIT {

    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate postgres;

    @Test
    void aMemberSetThatRedisLostIsRebuiltByAReplayNobodyAskedFor() throws Exception {
        ConversationId group = ConversationId.newGroup();
        UserId ada = UserId.random();
        UserId bob = UserId.random();
        UserId cy = UserId.random();
        events.publishHistory(topics.events().name(), "Conversation", group.value(), 0, List.of(
                new GroupCreated(group, ada, "Team", List.of(ada, bob), Instant.now()),
                new MembersAdded(group, ada, List.of(cy), Instant.now())));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(members(group)).hasSize(3));
        String marker = RedisKeys.readModelBuilt("membership");
        // The watch has written the marker and recorded it (it checks every 10 s).
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(redis.hasKey(marker)) && remembered("membership"));

        redis.delete(List.of(marker, RedisKeys.members(group), RedisKeys.membersVersion(group)));

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(members(group)).containsExactlyInAnyOrder(ada.value(), bob.value(), cy.value()));
        assertThat(redis.hasKey(marker)).isTrue();
        // Left finished, so that the tests after this one see no replay under way.
        await().atMost(Duration.ofSeconds(120)).until(() -> "done".equals(postgres.queryForObject(
                "SELECT state FROM projection_replays WHERE name = 'membership'", String.class)));
    }

    private List<String> members(ConversationId conversation) {
        return List.copyOf(redis.opsForSet().members(RedisKeys.members(conversation)));
    }

    private boolean remembered(String readModel) {
        Integer rows = postgres.queryForObject("SELECT count(*) FROM redis_read_models WHERE name = ?", Integer.class, readModel);
        return rows != null && rows > 0;
    }
}
