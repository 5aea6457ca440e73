package dev.parley.command.user;

import dev.parley.platform.redis.RedisKeys;
import dev.parley.platform.security.RevokedSessions;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the revoked sessions again when Redis has lost them. Revocations are security state kept only in
 * Redis, and a Redis that restarts without its data would let the access tokens of sessions signed out in
 * the last quarter hour back in. PostgreSQL knows when each session ended ({@code sign_in_sessions.ended_at}),
 * so the sessions ended within a revocation's lifetime are revoked again; a marker key tells whether this
 * Redis has them. Every command-side node checks: a second restore only rewrites the same keys.
 */
@Component
class RevocationsRestore {

    private static final Logger log = LoggerFactory.getLogger(RevocationsRestore.class);

    private final StringRedisTemplate redis;
    private final JdbcTemplate postgres;
    private final RevokedSessions revoked;
    private final Clock clock;

    RevocationsRestore(StringRedisTemplate redis, JdbcTemplate postgres, RevokedSessions revoked, Clock clock) {
        this.redis = redis;
        this.postgres = postgres;
        this.revoked = revoked;
        this.clock = clock;
    }

    /**
     * Restores the revocations unless this Redis has them; returns how many sessions it revoked again. Runs at
     * start and then every {@code parley.auth.revocations-check-interval}.
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${parley.auth.revocations-check-interval:10s}")
    int check() {
        try {
            if (Boolean.TRUE.equals(redis.hasKey(RedisKeys.REVOCATIONS_RESTORED))) {
                return 0;
            }
            int sessions = restore();
            redis.opsForValue().set(RedisKeys.REVOCATIONS_RESTORED, "restored");
            if (sessions > 0) {
                log.warn("Redis held no revoked sessions (its marker {} was gone): {} sessions ended in the last {}"
                        + " revoked again", RedisKeys.REVOCATIONS_RESTORED, sessions, revoked.rememberedFor());
            }
            return sessions;
        } catch (DataAccessException serverOut) {
            // Redis or PostgreSQL is out: health says so; this looks again at the next interval.
            return 0;
        }
    }

    private int restore() {
        Timestamp since = Timestamp.from(clock.instant().minus(revoked.rememberedFor()));
        Map<String, List<String>> byUser = new LinkedHashMap<>();
        postgres.query("SELECT user_id, session_id FROM sign_in_sessions WHERE ended_at > ?", row -> {
            byUser.computeIfAbsent(row.getString("user_id"), user -> new ArrayList<>())
                    .add(row.getString("session_id"));
        }, since);
        byUser.forEach(revoked::revoke);
        return byUser.values().stream().mapToInt(List::size).sum();
    }
}
