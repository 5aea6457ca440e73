package dev.parley.readmodel.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Writes to Redis read models that apply an event only if it is newer than the last one applied to the
 * same key, so that a redelivered or replayed event changes nothing. Each write is one Lua script: the
 * version check and the change are atomic, whichever instance sends them (a projection, or the push
 * fan-out bringing a member set up to the event it routes). In a projection's batch, Redis being out fails
 * the batch, to be handled again, rather than the event ({@link RedisOutages}).
 */
public class VersionedRedisWrites {

    /** KEYS: the set, its version. ARGV: version, replace|add|remove, members... */
    private static final RedisScript<Long> SET_WRITE = RedisScript.of("""
            local applied = redis.call('GET', KEYS[2])
            if applied and tonumber(applied) >= tonumber(ARGV[1]) then return 0 end
            if ARGV[2] == 'replace' then redis.call('DEL', KEYS[1]) end
            for i = 3, #ARGV do
              if ARGV[2] == 'remove' then redis.call('SREM', KEYS[1], ARGV[i]) else redis.call('SADD', KEYS[1], ARGV[i]) end
            end
            redis.call('SET', KEYS[2], ARGV[1])
            return 1
            """, Long.class);

    /** KEYS: the hash (its field v is its version). ARGV: version, replace|merge, field, value... ('' deletes). */
    private static final RedisScript<Long> HASH_WRITE = RedisScript.of("""
            local applied = redis.call('HGET', KEYS[1], 'v')
            if applied and tonumber(applied) >= tonumber(ARGV[1]) then return 0 end
            if ARGV[2] == 'replace' then redis.call('DEL', KEYS[1]) end
            for i = 3, #ARGV, 2 do
              if ARGV[i + 1] == '' then redis.call('HDEL', KEYS[1], ARGV[i]) else redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            end
            redis.call('HSET', KEYS[1], 'v', ARGV[1])
            return 1
            """, Long.class);

    /** How many keys a replay's reset asks for at a time while it scans. */
    private static final int SCAN_BATCH = 1_000;

    private final StringRedisTemplate redis;

    public VersionedRedisWrites(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public enum SetChange { REPLACE, ADD, REMOVE }

    /** Changes a set if {@code version} is newer than the one in {@code versionKey}; false if it was not. */
    public boolean changeSet(String setKey, String versionKey, long version, SetChange change, Collection<String> members) {
        List<String> args = new ArrayList<>(members.size() + 2);
        args.add(Long.toString(version));
        args.add(change.name().toLowerCase());
        args.addAll(members);
        return RedisOutages.write(() -> redis.execute(SET_WRITE, List.of(setKey, versionKey), args.toArray()) == 1L, false);
    }

    /**
     * Writes fields of a hash if {@code version} is newer than its field {@code v}; a null value removes
     * its field. {@code replace} first drops every other field. False if the write was older.
     */
    public boolean writeHash(String key, long version, boolean replace, Map<String, String> fields) {
        List<String> args = new ArrayList<>(fields.size() * 2 + 2);
        args.add(Long.toString(version));
        args.add(replace ? "replace" : "merge");
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value == null ? "" : value);
        });
        return RedisOutages.write(() -> redis.execute(HASH_WRITE, List.of(key), args.toArray()) == 1L, false);
    }

    /**
     * Before a replay: forgets the versions of every key the pattern matches (deleting version keys, or the
     * field v of hashes), so that the replayed events apply again over the values that keep serving.
     */
    public long forgetVersions(String pattern, boolean versionInHash) {
        long forgotten = 0;
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(pattern).count(SCAN_BATCH).build())) {
            while (keys.hasNext()) {
                String key = keys.next();
                if (versionInHash) {
                    redis.opsForHash().delete(key, "v");
                } else {
                    redis.unlink(key);
                }
                forgotten++;
            }
        }
        return forgotten;
    }
}
