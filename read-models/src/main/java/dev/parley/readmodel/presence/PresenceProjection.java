package dev.parley.readmodel.presence;

import dev.parley.kernel.presence.PresenceChanged;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.readmodel.redis.VersionedRedisWrites;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps each user's presence in Redis from the edge's presence events: online or not, and when last seen.
 * A change applies only if it happened after the one the hash holds ({@code at} is its version), so
 * changes that arrive late or twice cannot undo a newer one. Presence is state of the moment: there is
 * nothing to replay, and the presence topic keeps a day.
 */
@ProcessingGroup(PresenceProjection.NAME)
public class PresenceProjection {

    static final String NAME = "presence";

    private final VersionedRedisWrites redis;

    PresenceProjection(VersionedRedisWrites redis) {
        this.redis = redis;
    }

    @EventHandler
    void on(PresenceChanged event) {
        redis.writeHash(RedisKeys.presence(event.userId()), event.at().toEpochMilli(), false, fieldsOf(event));
    }

    /** The fields a change writes (merged into the hash): {@code lastSeen} moves only when the user goes offline. */
    static Map<String, String> fieldsOf(PresenceChanged event) {
        long at = event.at().toEpochMilli();
        Map<String, String> fields = new HashMap<>();
        fields.put("online", event.online() ? "1" : "0");
        fields.put("at", Long.toString(at));
        if (!event.online()) {
            fields.put("lastSeen", Long.toString(at));
        }
        return fields;
    }
}
