package dev.parley.push.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.push.registry.SessionRegistry;
import dev.parley.push.socket.LocalSockets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This node's channel: each message holds deliveries for users whose sockets are here, written to those
 * sockets in the order they came. Messages are handled on the Redis client's own thread, one after the
 * other (a pool would reorder them), and handling never blocks: a frame only joins a socket's queue.
 */
@Configuration
class NodeChannel {

    private static final Logger log = LoggerFactory.getLogger(NodeChannel.class);

    @Bean
    RedisMessageListenerContainer nodeChannelListener(RedisConnectionFactory redis, SessionRegistry registry,
                                                      LocalSockets sockets, ObjectMapper json) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener((Message message, byte[] pattern) -> deliver(message.getBody(), sockets, json),
                new ChannelTopic(NodeRouter.channel(registry.nodeId())));
        return container;
    }

    private static void deliver(byte[] body, LocalSockets sockets, ObjectMapper json) {
        try {
            for (JsonNode entry : json.readTree(body)) {
                List<String> users = new ArrayList<>();
                entry.path("u").forEach(user -> users.add(user.asText()));
                sockets.deliver(users, entry.path("f").toString(), entry.path("c").asText(null), entry.path("s").asLong(0));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not deliver a push: {}", e.toString());
        }
    }
}
