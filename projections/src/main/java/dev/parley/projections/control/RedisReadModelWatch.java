package dev.parley.projections.control;

import dev.parley.platform.redis.RedisKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notices that Redis has lost a read model's data and has it rebuilt, without a person.
 *
 * <p>Redis holds only rebuildable state, and a Redis restarted without its data comes back empty while the
 * projections' tokens (in PostgreSQL) say every event is applied: nothing would write the member sets again
 * until each conversation changed. So each Redis read model has a marker key in Redis, and PostgreSQL
 * ({@code redis_read_models}) remembers that it was written. A marker that PostgreSQL remembers and Redis no
 * longer holds means Redis's data went: the watch files a replay of that read model, as an admin would
 * ({@code projection_replays}; the {@link ReplayCoordinator} carries it out on every node) and writes the
 * marker again. Of several nodes, the one whose request is filed writes the marker; one that finds a replay
 * already requested or running leaves it, and looks again after that replay (a replay that began before the
 * loss must be followed by another).
 */
@Component
class RedisReadModelWatch {

    private static final Logger log = LoggerFactory.getLogger(RedisReadModelWatch.class);
    /** The read models kept in Redis (users also in Cassandra: its replay rewrites both, idempotently). */
    static final List<String> IN_REDIS = List.of("membership", "consent", "users", "presence");

    private final StringRedisTemplate redis;
    private final JdbcTemplate postgres;
    private final Set<String> recorded = new HashSet<>();

    RedisReadModelWatch(StringRedisTemplate redis, JdbcTemplate postgres) {
        this.redis = redis;
        this.postgres = postgres;
    }

    @Scheduled(initialDelayString = "${parley.projections.redis-check-interval:10s}",
            fixedDelayString = "${parley.projections.redis-check-interval:10s}")
    void check() {
        for (String readModel : IN_REDIS) {
            try {
                check(readModel);
            } catch (DataAccessException serverOut) {
                // Redis or PostgreSQL is out: their health says so; this looks again at the next interval.
                return;
            }
        }
    }

    private void check(String readModel) {
        String marker = RedisKeys.readModelBuilt(readModel);
        if (Boolean.TRUE.equals(redis.hasKey(marker))) {
            if (recorded.add(readModel)) {
                postgres.update("INSERT INTO redis_read_models (name, built_at) VALUES (?, now()) ON CONFLICT DO NOTHING",
                        readModel);
            }
            return;
        }
        Integer remembered = postgres.queryForObject("SELECT count(*) FROM redis_read_models WHERE name = ?",
                Integer.class, readModel);
        if (remembered == null || remembered == 0) {
            // The first start with this Redis: the projection is building it from its first event.
            redis.opsForValue().setIfAbsent(marker, "built");
            return;
        }
        int filed = postgres.update("INSERT INTO projection_replays (name, state, requested_at) VALUES (?, 'requested', now())"
                + " ON CONFLICT (name) DO UPDATE SET state = 'requested', requested_at = now(), started_at = NULL,"
                + " finished_at = NULL, target_position = NULL WHERE projection_replays.state = 'done'", readModel);
        if (filed == 1) {
            redis.opsForValue().set(marker, "built");
            log.warn("Redis no longer holds read model {} (its marker {} is gone): replaying it from its topic", readModel, marker);
        }
    }
}
