package dev.parley.readmodel.user;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.parley.kernel.user.ProfileUpdated;
import dev.parley.kernel.user.UserRegistered;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.readmodel.cassandra.PendingWrites;
import dev.parley.readmodel.replay.BeforeReplay;
import dev.parley.readmodel.redis.VersionedRedisWrites;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Builds the user read models: each user's profile in Cassandra ({@code users}), the username index for
 * search by prefix ({@code users_by_username}), and the profile again in Redis for quick lookups by the
 * real-time edge. Writes carry the event's position in the user's history (the Cassandra write timestamp,
 * the Redis hash's version), so a redelivered or replayed event changes nothing.
 */
@ProcessingGroup(UserProjection.NAME)
public class UserProjection implements BeforeReplay {

    static final String NAME = "users";
    /** Usernames are at least three characters: a partition of the index holds those sharing the first three. */
    static final int PREFIX_CHARS = 3;

    private final PendingWrites writes;
    private final VersionedRedisWrites redis;
    private final PreparedStatement insertUser;
    private final PreparedStatement updateProfile;
    private final PreparedStatement insertUsername;

    UserProjection(CqlSession cassandra, PendingWrites writes, VersionedRedisWrites redis) {
        this.writes = writes;
        this.redis = redis;
        insertUser = cassandra.prepare("INSERT INTO users (user_id, username, display_name, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?");
        updateProfile = cassandra.prepare("UPDATE users USING TIMESTAMP ? SET display_name = ?, avatar_media_id = ?,"
                + " updated_at = ? WHERE user_id = ?");
        insertUsername = cassandra.prepare("INSERT INTO users_by_username (prefix, username, user_id) VALUES (?, ?, ?)");
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long version) {
        String user = event.userId().value();
        writes.send(insertUser.bind(user, event.username(), event.displayName(), event.at(), event.at(), version));
        writes.send(insertUsername.bind(event.username().substring(0, PREFIX_CHARS), event.username(), user));
        redis.writeHash(RedisKeys.profile(event.userId()), version, true,
                Map.of("username", event.username(), "displayName", event.displayName()));
    }

    @EventHandler
    void on(ProfileUpdated event, @SequenceNumber long version) {
        String avatar = event.avatarMediaId() == null ? null : event.avatarMediaId().value();
        writes.send(updateProfile.bind(version, event.displayName(), avatar, event.at(), event.userId().value()));
        Map<String, String> fields = new HashMap<>();
        fields.put("displayName", event.displayName());
        fields.put("avatarMediaId", avatar);
        redis.writeHash(RedisKeys.profile(event.userId()), version, false, fields);
    }

    /** A replay rewrites the profiles in place: Cassandra's timestamps allow it, Redis forgets its versions. */
    @Override
    public String readModel() {
        return NAME;
    }

    @Override
    public void prepare() {
        redis.forgetVersions(RedisKeys.PROFILE_PATTERN, true);
    }
}
