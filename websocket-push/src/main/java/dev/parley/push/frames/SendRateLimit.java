package dev.parley.push.frames;

import dev.parley.kernel.UserId;
import dev.parley.platform.ratelimit.RateLimit;
import dev.parley.platform.ratelimit.RateLimits;
import dev.parley.push.PushProperties;
import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Bounds the messages one user sends a second, across every push node: a client cannot flood a
 * conversation by opening sockets on several nodes. A token bucket in Redis: a burst of the limit, then
 * the limit a second, spread evenly.
 */
@Component
class SendRateLimit {

    private final RateLimit limit;

    SendRateLimit(RateLimits limits, PushProperties properties) {
        int perSecond = properties.sendsPerSecond();
        this.limit = limits.acrossInstances("sends",
                Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build(),
                "at most " + perSecond + " messages a second; retry after a moment");
    }

    /** Counts one send by {@code user}; {@code RATE_LIMITED} once their bucket is empty. */
    void count(UserId user) {
        limit.take(user.value());
    }
}
