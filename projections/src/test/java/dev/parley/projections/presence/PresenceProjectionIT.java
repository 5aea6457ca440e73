package dev.parley.projections.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.kernel.UserId;
import dev.parley.kernel.presence.PresenceChanged;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.projections.ProjectionIT;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Presence changes in on the presence topic; online and last seen out in Redis, newest change kept. */
class PresenceProjectionIT extends ProjectionIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    StringRedisTemplate redis;

    @Test
    void theNewestChangeWinsAndOfflineKeepsLastSeen() throws Exception {
        UserId ada = UserId.random();
        publish(new PresenceChanged(ada, true, T0, "node-a"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(presence(ada)).containsEntry("online", "1"));

        publish(new PresenceChanged(ada, false, T0.plusSeconds(30), "node-a"));
        // Late: a node that saw her connect before she left reports it after.
        publish(new PresenceChanged(ada, true, T0.plusSeconds(10), "node-b"));
        UserId marker = UserId.random();
        publish(new PresenceChanged(marker, true, T0, "node-a"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(presence(marker)).containsEntry("online", "1"));

        long left = T0.plusSeconds(30).toEpochMilli();
        assertThat(presence(ada)).containsEntry("online", "0")
                .containsEntry("lastSeen", Long.toString(left)).containsEntry("v", Long.toString(left));
    }

    private void publish(PresenceChanged change) throws Exception {
        events.publish(topics.presence().name(), change.userId().value(), change);
    }

    private Map<Object, Object> presence(UserId user) {
        return redis.opsForHash().entries(RedisKeys.presence(user));
    }
}
