package dev.parley.platform.ratelimit;

import dev.parley.platform.redis.RedisKeys;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes the rate limits, all token buckets (Bucket4j) whose time is the service's {@link Clock}: per key
 * in Redis, so that a limit holds across every instance; per key in this instance's memory; or one bucket
 * for one holder, such as a socket.
 */
public final class RateLimits {

    private final TimeMeter time;
    /** Bucket4j's buckets in Redis, opened when first asked for; null in a service without Redis. */
    private final Supplier<ProxyManager<String>> redis;

    /** Limits in memory only: {@link #acrossInstances} is refused. */
    public RateLimits(Clock clock) {
        this(clock, null);
    }

    RateLimits(Clock clock, Supplier<ProxyManager<String>> redis) {
        this.time = new ClockTimeMeter(clock);
        this.redis = redis;
    }

    /**
     * A limit per key counted in Redis, so that it holds across every instance: the bucket of {@code key}
     * is at {@link RedisKeys#rateLimit}, and gone once it would be full again.
     */
    public RateLimit acrossInstances(String action, Bandwidth allowance, String refusal) {
        if (redis == null) {
            throw new IllegalStateException("the rate limit " + action + " is kept in Redis, and this service has no Redis");
        }
        BucketConfiguration configuration = BucketConfiguration.builder().addLimit(allowance).build();
        return new RateLimit(key -> redis.get().getProxy(RedisKeys.rateLimit(action, key), () -> configuration),
                key -> redis.get().removeProxy(RedisKeys.rateLimit(action, key)), refusal);
    }

    /**
     * A limit per key counted in this instance's memory, for at most {@code maxKeys} keys: past that the
     * least recently used key is forgotten, and with it what it took. Each instance allows the whole limit.
     */
    public RateLimit perInstance(Bandwidth allowance, int maxKeys, String refusal) {
        Map<String, Bucket> buckets = new LeastRecentlyUsed(maxKeys);
        return new RateLimit(key -> {
            synchronized (buckets) {
                return buckets.computeIfAbsent(key, k -> local(allowance));
            }
        }, key -> {
            synchronized (buckets) {
                buckets.remove(key);
            }
        }, refusal);
    }

    /** One bucket in memory for one holder: no key to look up, nothing shared, nothing sent anywhere. */
    public Bucket local(Bandwidth allowance) {
        return Bucket.builder()
                .addLimit(allowance)
                .withCustomTimePrecision(time)
                // Taken by one thread at a time (a socket's frames come one after another): a lock never
                // contended costs less than the lock-free bucket's copy of its state on every take.
                .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED)
                .build();
    }

    private static final class LeastRecentlyUsed extends LinkedHashMap<String, Bucket> {

        private final int maxKeys;

        LeastRecentlyUsed(int maxKeys) {
            super(16, 0.75f, true);
            this.maxKeys = maxKeys;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > maxKeys;
        }
    }
}
