package dev.parley.push.frames;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.parley.kernel.UserId;
import dev.parley.platform.ratelimit.RateLimit;
import dev.parley.platform.ratelimit.RateLimitProperties;
import dev.parley.platform.ratelimit.RateLimits;
import dev.parley.push.PushProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Bounds how often one user sends each kind of frame, across every push node: a client cannot spread a
 * flood over sockets on several nodes. One token bucket in Redis per user and frame type, so each frame
 * costs one limit check: {@code send} at {@code parley.push.sends-per-second}, every other type at
 * {@code parley.rate-limits.frames.<type>}. A type without a configured limit stops the node's start.
 */
@Component
public class FrameRateLimits {

    private final Map<Class<?>, RateLimit> byFrame = new LinkedHashMap<>();

    FrameRateLimits(RateLimits limits, RateLimitProperties properties, PushProperties push) {
        for (Map.Entry<String, Class<?>> type : types().entrySet()) {
            byFrame.put(type.getValue(), limitOf(type.getKey(), limits, properties, push));
        }
    }

    /** Every frame type a client may send, by its {@code type}: the ones {@link ClientFrame} binds. */
    public static Map<String, Class<?>> types() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (JsonSubTypes.Type type : ClientFrame.class.getAnnotation(JsonSubTypes.class).value()) {
            types.put(type.name(), type.value());
        }
        return types;
    }

    /** Counts one frame of {@code user}'s; {@code RATE_LIMITED} with the time to wait once its bucket is empty. */
    void take(UserId user, ClientFrame frame) {
        byFrame.get(frame.getClass()).take(user.value());
    }

    private static RateLimit limitOf(String type, RateLimits limits, RateLimitProperties properties, PushProperties push) {
        if (type.equals("send")) {
            int perSecond = push.sendsPerSecond();
            RateLimitProperties.Allowance allowance =
                    new RateLimitProperties.Allowance(perSecond, Duration.ofSeconds(1).dividedBy(perSecond));
            // "sends": the key the send limit has always had, so a rolling upgrade keeps counting in the same bucket.
            return limits.acrossInstances("sends", allowance.bandwidth(),
                    "at most " + perSecond + " messages a second; retry after a moment");
        }
        RateLimitProperties.Allowance allowance = properties.frame(type);
        if (allowance == null) {
            throw new IllegalStateException("the frame type " + type + " has no limit: configure parley.rate-limits.frames." + type);
        }
        return limits.acrossInstances("frame:" + type, allowance.bandwidth(), "too many " + type + " frames: " + allowance.words());
    }
}
