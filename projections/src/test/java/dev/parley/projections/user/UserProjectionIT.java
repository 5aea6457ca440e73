package dev.parley.projections.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.user.ProfileUpdated;
import dev.parley.kernel.user.UserRegistered;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.projections.ProjectionIT;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** A user's events in on the events topic; the profile, the username index and the Redis profile out. */
class UserProjectionIT extends ProjectionIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    CqlSession cassandra;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void aUsersHistoryBecomesTheirProfileAndTheSameEventsAgainChangeNothing() throws Exception {
        UserId ada = UserId.random();
        String username = "ada" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        MediaId avatar = MediaId.random();
        List<Object> history = List.of(
                new UserRegistered(ada, username, "Ada", T0),
                new ProfileUpdated(ada, "Ada L.", null, T0.plusSeconds(1)),
                new ProfileUpdated(ada, "Ada Lovelace", avatar, T0.plusSeconds(2)));
        events.publishHistory(topics.events().name(), "User", ada.value(), 0, history);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(profileRow(ada)).contains("display_name:'Ada Lovelace'"));
        Row row = cassandra.execute("SELECT * FROM users WHERE user_id = ?", ada.value()).one();
        assertThat(row.getString("username")).isEqualTo(username);
        assertThat(row.getString("avatar_media_id")).isEqualTo(avatar.value());
        assertThat(row.getInstant("created_at")).isEqualTo(T0);
        assertThat(row.getInstant("updated_at")).isEqualTo(T0.plusSeconds(2));
        assertThat(cassandra.execute("SELECT user_id FROM users_by_username WHERE prefix = ? AND username = ?",
                username.substring(0, 3), username).one().getString("user_id")).isEqualTo(ada.value());
        assertThat(redisProfile(ada)).isEqualTo(Map.of("username", username, "displayName", "Ada Lovelace",
                "avatarMediaId", avatar.value(), "v", "2"));

        // The whole history again, as after a publisher's crash; then another user's registration, to know
        // when the redelivery has been handled.
        String before = profileRow(ada);
        events.publishHistory(topics.events().name(), "User", ada.value(), 0, history);
        UserId marker = UserId.random();
        events.publishHistory(topics.events().name(), "User", marker.value(), 0,
                List.of(new UserRegistered(marker, "mrk" + UUID.randomUUID().toString().substring(0, 8), "Marker", T0)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(profileRow(marker)).isNotNull());

        assertThat(profileRow(ada)).isEqualTo(before);
        assertThat(redisProfile(ada)).containsEntry("displayName", "Ada Lovelace").containsEntry("v", "2");
    }

    private String profileRow(UserId user) {
        Row row = cassandra.execute("SELECT * FROM users WHERE user_id = ?", user.value()).one();
        return row == null ? null : row.getFormattedContents();
    }

    private Map<Object, Object> redisProfile(UserId user) {
        return redis.opsForHash().entries(RedisKeys.profile(user));
    }
}
