package dev.parley.query.user;

import dev.parley.kernel.UserId;
import dev.parley.platform.ratelimit.RateLimit;
import dev.parley.platform.ratelimit.RateLimits;
import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds how many user searches one user makes a minute, across every query-side instance, so that the
 * username index cannot be walked to list every user. A token bucket in Redis: a burst of the limit, then
 * the limit a minute, spread evenly.
 */
@Component
class SearchRateLimit {

    private final RateLimit limit;

    SearchRateLimit(RateLimits limits, @Value("${parley.users.searches-per-minute:60}") int perMinute) {
        this.limit = limits.acrossInstances("searches",
                Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build(),
                "at most " + perMinute + " user searches a minute");
    }

    /** Counts one search by {@code user}; {@code RATE_LIMITED} once their bucket is empty. */
    void count(UserId user) {
        limit.take(user.value());
    }
}
