package dev.parley.platform.redis;

import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Bounds how often each user does one thing per window of the clock (a second, a minute), counted in
 * Redis so that the bound holds across every instance: one counter per user and window, kept for two
 * windows, then gone.
 */
public final class WindowRateLimit {

    private final StringRedisTemplate redis;
    private final String action;
    private final Duration window;
    private final int limit;
    private final String refusal;

    /**
     * @param action  names the counters ({@code parley:<action>:{<user>}:<window number>})
     * @param refusal the error message past the limit
     */
    public WindowRateLimit(StringRedisTemplate redis, String action, Duration window, int limit, String refusal) {
        this.redis = redis;
        this.action = action;
        this.window = window;
        this.limit = limit;
        this.refusal = refusal;
    }

    /** Counts one action by {@code user}; {@code RATE_LIMITED} past the limit of the current window. */
    public void count(UserId user) {
        long windowNumber = System.currentTimeMillis() / window.toMillis();
        String key = RedisKeys.rateWindow(action, user, windowNumber);
        Long count = redis.opsForValue().increment(key);
        if (count != null && count == 1) {
            redis.expire(key, window.multipliedBy(2));
        }
        if (count != null && count > limit) {
            throw new Refused(ErrorCode.RATE_LIMITED, refusal);
        }
    }
}
