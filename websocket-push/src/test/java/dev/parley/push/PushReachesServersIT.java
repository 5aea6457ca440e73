package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.RealServers;
import dev.parley.testing.ServerChecks;
import dev.parley.testing.UsesRealServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** A push node publishes and receives on a Redis channel, and reaches the presence topic on Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class PushReachesServersIT {

    @Autowired
    RedisConnectionFactory connections;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    KafkaTopicsProperties topics;
    @LocalServerPort
    int port;

    @Test
    void receivesWhatIsPublishedOnItsNodeChannel() throws Exception {
        String channel = "parley.push." + UUID.randomUUID();
        BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener((message, pattern) ->
                received.offer(new String(message.getBody(), StandardCharsets.UTF_8)), new ChannelTopic(channel));
        container.afterPropertiesSet();
        container.start();
        try {
            // A subscription becomes active asynchronously: publish until someone hears it.
            String heard = await().atMost(Duration.ofSeconds(10)).until(() -> {
                redis.convertAndSend(channel, "{\"type\":\"message\"}");
                return received.poll(200, TimeUnit.MILLISECONDS);
            }, Objects::nonNull);
            assertThat(heard).isEqualTo("{\"type\":\"message\"}");
        } finally {
            container.stop();
            container.destroy();
        }
    }

    @Test
    void readsBackAPresenceChangeSentToKafka() throws Exception {
        String userId = UUID.randomUUID().toString();
        var sent = kafka.send(topics.presence().name(), userId, "{\"online\":true}").get(20, TimeUnit.SECONDS);

        assertThat(ServerChecks.readBack(RealServers.endpoints().kafkaBootstrapServers(), sent).value())
                .isEqualTo("{\"online\":true}");
    }

    @Test
    void reportsItsServersHealthy() throws Exception {
        ServerChecks.assertHealthUp(port, "redis", "kafka");
    }
}
