package dev.parley.platform.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Bucket4j's buckets in Redis, over a connection of their own from Spring's Lettuce client (Bucket4j
 * stores bytes, the template strings). The connection opens with the first limit taken, so that a
 * service that keeps no limit in Redis opens none, and closes with the context.
 */
final class RedisBuckets implements Supplier<ProxyManager<String>>, AutoCloseable {

    /**
     * A bucket's key outlives the moment it would be full again by this much: a missing key reads as a
     * full bucket, so the margin only covers the instances' clocks not quite agreeing.
     */
    private static final Duration KEPT_AFTER_FULL = Duration.ofSeconds(1);

    private final ObjectProvider<LettuceConnectionFactory> redis;
    private final ClockTimeMeter time;
    private volatile ProxyManager<String> proxies;
    private StatefulConnection<String, byte[]> connection;

    RedisBuckets(ObjectProvider<LettuceConnectionFactory> redis, Clock clock) {
        this.redis = redis;
        this.time = new ClockTimeMeter(clock);
    }

    @Override
    public ProxyManager<String> get() {
        ProxyManager<String> opened = proxies;
        if (opened == null) {
            synchronized (this) {
                if (proxies == null) {
                    proxies = open();
                }
                opened = proxies;
            }
        }
        return opened;
    }

    private ProxyManager<String> open() {
        LettuceConnectionFactory factory = redis.getIfAvailable();
        if (factory == null) {
            throw new IllegalStateException("a rate limit kept in Redis needs Spring's Lettuce connection factory, and there is none");
        }
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_AFTER_FULL);
        AbstractRedisClient client = factory.getRequiredNativeClient();
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, byte[]> opened = cluster.connect(codec);
            connection = opened;
            return Bucket4jLettuce.casBasedBuilder(opened).clientClock(time).expirationAfterWrite(expiry).build();
        }
        StatefulRedisConnection<String, byte[]> opened = ((RedisClient) client).connect(codec);
        connection = opened;
        return Bucket4jLettuce.casBasedBuilder(opened).clientClock(time).expirationAfterWrite(expiry).build();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
