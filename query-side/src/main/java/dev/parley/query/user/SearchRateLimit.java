package dev.parley.query.user;

import dev.parley.kernel.UserId;
import dev.parley.platform.redis.WindowRateLimit;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Bounds how many user searches one user makes a minute, across every query-side instance, so that the
 * username index cannot be walked to list every user.
 */
@Component
class SearchRateLimit {

    private final WindowRateLimit limit;

    SearchRateLimit(StringRedisTemplate redis, @Value("${parley.users.searches-per-minute:60}") int perMinute) {
        this.limit = new WindowRateLimit(redis, "searches", Duration.ofMinutes(1), perMinute,
                "at most " + perMinute + " user searches a minute");
    }

    /** Counts one search by {@code user}; {@code RATE_LIMITED} past the limit of the current minute. */
    void count(UserId user) {
        limit.count(user);
    }
}
