package dev.parley.readmodel.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Reads several Redis sets in one round trip (Spring Data Redis reads one set a call). */
public final class RedisSets {

    private RedisSets() {
    }

    /** The members of each set, in the order of {@code keys}; an empty set for a key that does not exist. */
    public static List<Set<String>> membersOfEach(StringRedisTemplate redis, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (String key : keys) {
                connection.setCommands().sMembers(key.getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
        List<Set<String>> sets = new ArrayList<>(keys.size());
        for (Object reply : replies) {
            @SuppressWarnings("unchecked")
            Set<String> set = (Set<String>) reply;
            sets.add(set == null ? Set.of() : set);
        }
        return sets;
    }
}
