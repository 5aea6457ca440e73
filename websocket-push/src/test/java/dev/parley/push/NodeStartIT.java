package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.redis.RedisKeys;
import dev.parley.push.registry.SessionRegistry;
import dev.parley.testing.UsesRealServers;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A starting push node is in the session registry and listens on its channel before it takes its first
 * socket: a user registered on a node its peers cannot see yet, or on a channel no one listens to, would
 * get no push, though the client was told it is connected. What Redis holds is read at the moment the web
 * server starts taking connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class NodeStartIT {

    @Autowired
    RedisAtWebServerStart atStart;

    @Test
    void theNodeIsRegisteredAndSubscribedBeforeItTakesSockets() {
        assertThat(atStart.heartbeat).as("the node's heartbeat entry when its web server started").isNotNull();
        assertThat(atStart.channelListeners).as("listeners of the node's channel when its web server started").isEqualTo(1L);
    }

    @TestConfiguration
    static class Recording {

        @Bean
        RedisAtWebServerStart redisAtWebServerStart(StringRedisTemplate redis, SessionRegistry registry) {
            return new RedisAtWebServerStart(redis, registry);
        }
    }

    /** The node's registry entry and channel subscribers, as Redis held them when the web server started. */
    static final class RedisAtWebServerStart {

        private final StringRedisTemplate redis;
        private final SessionRegistry registry;
        volatile Double heartbeat;
        volatile Long channelListeners;

        RedisAtWebServerStart(StringRedisTemplate redis, SessionRegistry registry) {
            this.redis = redis;
            this.registry = registry;
        }

        @EventListener
        void on(ServletWebServerInitializedEvent started) {
            heartbeat = redis.opsForZSet().score(RedisKeys.PUSH_NODES, registry.nodeId());
            byte[] channel = RedisKeys.nodeChannel(registry.nodeId()).getBytes(StandardCharsets.UTF_8);
            channelListeners = redis.execute((RedisCallback<Long>) connection -> {
                @SuppressWarnings("unchecked")
                BaseRedisAsyncCommands<byte[], byte[]> lettuce = (BaseRedisAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
                try {
                    return lettuce.pubsubNumsub(channel).get(10, TimeUnit.SECONDS).values().stream()
                            .mapToLong(Long::longValue).sum();
                } catch (Exception e) {
                    throw new IllegalStateException("PUBSUB NUMSUB failed", e);
                }
            });
        }
    }
}
