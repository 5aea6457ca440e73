package dev.parley.push.command;

import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.push.PushProperties;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Bounds the messages one user sends a second, across every push node (a counter per user and second
 * in Redis): a client cannot flood a conversation by opening sockets on several nodes.
 */
@Component
class SendRateLimit {

    private static final Duration KEEP = Duration.ofSeconds(3);

    private final StringRedisTemplate redis;
    private final int perSecond;

    SendRateLimit(StringRedisTemplate redis, PushProperties properties) {
        this.redis = redis;
        this.perSecond = properties.sendsPerSecond();
    }

    /** Counts one send by {@code user}; {@code RATE_LIMITED} past the limit of the current second. */
    void count(UserId user) {
        long second = System.currentTimeMillis() / 1_000;
        String key = "parley:sends:{" + user.value() + "}:" + second;
        Long sends = redis.opsForValue().increment(key);
        if (sends != null && sends == 1) {
            redis.expire(key, KEEP);
        }
        if (sends != null && sends > perSecond) {
            throw new Refused(ErrorCode.RATE_LIMITED, "at most " + perSecond + " messages a second; retry after a moment");
        }
    }
}
