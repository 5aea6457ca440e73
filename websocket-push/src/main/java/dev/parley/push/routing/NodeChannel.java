package dev.parley.push.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.push.registry.NodeHeartbeat;
import dev.parley.push.registry.SessionRegistry;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
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
 * This node's channel: each {@link NodeEnvelope} holds deliveries for users whose sockets are here, handed
 * to them in the order they came. Envelopes are handled on the Redis client's own thread, one after the
 * other (a pool would reorder them), and handling never blocks: a frame only joins a socket's queue.
 */
@Configuration
class NodeChannel {

    private static final Logger log = LoggerFactory.getLogger(NodeChannel.class);

    @Bean
    RedisMessageListenerContainer nodeChannelListener(RedisConnectionFactory redis, SessionRegistry registry,
                                                      LocalDelivery sockets, ObjectMapper json) {
        // Subscribed before the web server takes a socket (its start waits for the subscription): a push
        // routed here for a user whose socket was accepted earlier would otherwise be published to no one.
        RedisMessageListenerContainer container = new RedisMessageListenerContainer() {
            @Override
            public int getPhase() {
                return NodeHeartbeat.BEFORE_SOCKETS;
            }
        };
        container.setConnectionFactory(redis);
        container.setTaskExecutor(new SyncTaskExecutor());
        Receiver receiver = new Receiver(sockets, json);
        container.addMessageListener((Message message, byte[] pattern) -> receiver.receive(message.getBody()),
                new ChannelTopic(RedisKeys.nodeChannel(registry.nodeId())));
        return container;
    }

    /** Reads envelopes and hands their entries on; an unreadable one is counted and logged once in a while. */
    static final class Receiver {

        private final LocalDelivery sockets;
        private final ObjectMapper json;
        private final AtomicLong unreadable = new AtomicLong();

        Receiver(LocalDelivery sockets, ObjectMapper json) {
            this.sockets = sockets;
            this.json = json;
        }

        void receive(byte[] body) {
            NodeEnvelope envelope;
            try {
                envelope = json.readValue(body, NodeEnvelope.class);
            } catch (IOException e) {
                long count = unreadable.incrementAndGet();
                if (Long.bitCount(count) == 1) { // the 1st, 2nd, 4th, 8th...: a flood stays a few lines
                    log.warn("{} unreadable envelope(s) on this node's channel so far; the last: {}", count, e.toString());
                }
                return;
            }
            for (NodeEnvelope.Entry entry : envelope.entries()) {
                sockets.deliver(entry.users(), entry.frame(), entry.conversationId(), entry.messageSeq());
            }
        }
    }
}
