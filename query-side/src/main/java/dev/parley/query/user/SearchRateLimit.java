package dev.parley.query.user;

import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Bounds how many user searches one user makes a minute, across every query-side instance (a counter per
 * user and minute in Redis), so that the username index cannot be walked to list every user.
 */
@Component
class SearchRateLimit {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final StringRedisTemplate redis;
    private final int perMinute;

    SearchRateLimit(StringRedisTemplate redis, @Value("${parley.users.searches-per-minute:60}") int perMinute) {
        this.redis = redis;
        this.perMinute = perMinute;
    }

    /** Counts one search by {@code user}; {@code RATE_LIMITED} past the limit of the current minute. */
    void count(UserId user) {
        long minute = System.currentTimeMillis() / WINDOW.toMillis();
        String key = "parley:searches:{" + user.value() + "}:" + minute;
        Long searches = redis.opsForValue().increment(key);
        if (searches != null && searches == 1) {
            redis.expire(key, WINDOW.multipliedBy(2));
        }
        if (searches != null && searches > perMinute) {
            throw new Refused(ErrorCode.RATE_LIMITED, "at most " + perMinute + " user searches a minute");
        }
    }
}
