package dev.parley.projections.membership;

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
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Redis refuses writes for a while (its memory limit set below what it uses, as a full Redis does): the
 * membership projection's batch is handled again until Redis takes writes, the member set is then written,
 * and the event never reaches the dead-letter queue. The limit is put back however the test ends.
 */
class RedisRefusingWritesIT extends ProjectionIT {

    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate postgres;

    @Test
    void aMembershipEventArrivingWhileRedisRefusesWritesIsAppliedOnceItTakesThemAndNotDeadLettered() throws Exception {
        ConversationId group = ConversationId.newGroup();
        UserId ada = UserId.random();
        UserId bob = UserId.random();
        UserId cy = UserId.random();
        events.publishHistory(topics.events().name(), "Conversation", group.value(), 0,
                List.of(new GroupCreated(group, ada, "Team", List.of(ada, bob), Instant.now())));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(members(group)).hasSize(2));
        try (RedisConnection connection = redis.getRequiredConnectionFactory().getConnection()) {
            String limit = connection.serverCommands().getConfig("maxmemory").getProperty("maxmemory");
            // Full: every write that could take memory is refused with OOM. (A script whose first write is a
            // DEL escapes Redis's check, so the event here is an addition, whose first write is SADD.)
            connection.serverCommands().setConfig("maxmemory", "1");
            try {
                events.publishHistory(topics.events().name(), "Conversation", group.value(), 1,
                        List.of(new MembersAdded(group, ada, List.of(cy), Instant.now())));
                // Meanwhile the batch fails and is handled again; before, the event was dead-lettered at once.
                await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).untilAsserted(() -> {
                    assertThat(deadLetters(group)).as(postgres.queryForList("SELECT processinggroup, payloadtype, causetype,"
                            + " causemessage FROM deadletterentry WHERE aggregateidentifier = ?", group.value()).toString()).isZero();
                    assertThat(members(group)).doesNotContain(cy.value());
                });
            } finally {
                connection.serverCommands().setConfig("maxmemory", limit);
            }
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(members(group)).containsExactlyInAnyOrder(ada.value(), bob.value(), cy.value()));
        assertThat(deadLetters(group)).isZero();
    }

    private List<String> members(ConversationId group) {
        return List.copyOf(redis.opsForSet().members(RedisKeys.members(group)));
    }

    private long deadLetters(ConversationId group) {
        Long letters = postgres.queryForObject("SELECT count(*) FROM deadletterentry WHERE aggregateidentifier = ?",
                Long.class, group.value());
        return letters == null ? 0 : letters;
    }
}
