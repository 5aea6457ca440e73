package dev.parley.kernel;

import java.time.Duration;

/**
 * A limit on how often something may be done was reached: {@code RATE_LIMITED}, with how long until it is
 * allowed again, so that a client waits that long (REST's {@code Retry-After}, the socket's
 * {@code retryAfterMs}) instead of guessing.
 */
public final class RateLimited extends ChatException {

    private final Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up and at least one: HTTP's {@code Retry-After} has no fractions, and 0 invites a retry at once. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
