package dev.parley.platform.ratelimit;

import dev.parley.kernel.RateLimited;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One rate limit: a token bucket per key (a user id, a username) holding a burst and refilling at a rate
 * ({@link RateLimits} makes them). A key whose bucket is empty is refused {@code RATE_LIMITED} until
 * tokens come back.
 */
public final class RateLimit {

    private final Function<String, Bucket> buckets;
    private final Consumer<String> forget;
    private final String refusal;

    RateLimit(Function<String, Bucket> buckets, Consumer<String> forget, String refusal) {
        this.buckets = buckets;
        this.forget = forget;
        this.refusal = refusal;
    }

    /**
     * Takes one token of {@code key}'s; {@code RATE_LIMITED} with the refusal and the time until a token
     * is back when none is left. One call to the bucket's store, whatever the answer.
     */
    public void take(String key) {
        ConsumptionProbe probe = buckets.apply(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimited(refusal, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** {@code RATE_LIMITED} when {@code key} has no token left; takes none. */
    public void requireAvailable(String key) {
        EstimationProbe estimate = buckets.apply(key).estimateAbilityToConsume(1);
        if (!estimate.canBeConsumed()) {
            throw new RateLimited(refusal, Duration.ofNanos(estimate.getNanosToWaitForRefill()));
        }
    }

    /** Takes one token of {@code key}'s if one is left, refusing nothing: counts what was done anyway. */
    public void spend(String key) {
        buckets.apply(key).tryConsume(1);
    }

    /** Gives {@code key} its whole burst back. */
    public void reset(String key) {
        forget.accept(key);
    }
}
