package dev.parley.push.frames;

import dev.parley.kernel.UserId;
import dev.parley.platform.redis.WindowRateLimit;
import dev.parley.push.PushProperties;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Bounds the messages one user sends a second, across every push node: a client cannot flood a
 * conversation by opening sockets on several nodes.
 */
@Component
class SendRateLimit {

    private final WindowRateLimit limit;

    SendRateLimit(StringRedisTemplate redis, PushProperties properties) {
        this.limit = new WindowRateLimit(redis, "sends", Duration.ofSeconds(1), properties.sendsPerSecond(),
                "at most " + properties.sendsPerSecond() + " messages a second; retry after a moment");
    }

    /** Counts one send by {@code user}; {@code RATE_LIMITED} past the limit of the current second. */
    void count(UserId user) {
        limit.count(user);
    }
}
