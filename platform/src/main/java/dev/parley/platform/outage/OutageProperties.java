package dev.parley.platform.outage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service answers while a server it needs is out, and how soon it finds the server again
 * ({@code parley.outage.*}).
 *
 * @param retryAfter                 what a {@code 503 UNAVAILABLE} tells a client to wait before it retries
 *                                   ({@code Retry-After} in whole seconds, {@code retryAfterMs} in the problem
 *                                   document): about the time a restarted server takes to be reached again
 * @param redisReconnectMaxDelay     the longest wait between two of Lettuce's attempts to reconnect (its own
 *                                   default is 30 s): how late, at worst, a node notices that Redis is back
 * @param cassandraReconnectMaxDelay the same for the DataStax driver's reconnection policy (its default is 60 s)
 */
@ConfigurationProperties("parley.outage")
public record OutageProperties(@DefaultValue("5s") Duration retryAfter,
                               @DefaultValue("2s") Duration redisReconnectMaxDelay,
                               @DefaultValue("5s") Duration cassandraReconnectMaxDelay) {

    public OutageProperties {
        requirePositive(retryAfter, "retry-after");
        requirePositive(redisReconnectMaxDelay, "redis-reconnect-max-delay");
        requirePositive(cassandraReconnectMaxDelay, "cassandra-reconnect-max-delay");
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("parley.outage." + name + " must be positive");
        }
    }

    /** {@link #retryAfter} in the whole seconds of a {@code Retry-After} header, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
