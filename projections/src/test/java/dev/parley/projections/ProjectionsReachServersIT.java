package dev.parley.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.RealServers;
import dev.parley.testing.ServerChecks;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** The projections write to and read from Cassandra, Redis and Kafka through their own configured clients. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class ProjectionsReachServersIT {

    @Autowired
    CqlSession cassandra;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    KafkaTopicsProperties topics;
    @LocalServerPort
    int port;

    @Test
    void writesAndReadsAMessageRowInTheMigratedKeyspace() {
        String conversationId = UUID.randomUUID().toString();
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        cassandra.execute("INSERT INTO messages (conversation_id, bucket, seq, message_id, sender_id, sent_at, text)"
                + " VALUES (?, 0, 1, 'm-1', 'u-1', ?, 'hello')", conversationId, sentAt);

        Row row = cassandra.execute("SELECT seq, sender_id, sent_at, text FROM messages"
                + " WHERE conversation_id = ? AND bucket = 0", conversationId).one();

        assertThat(row).isNotNull();
        assertThat(row.getLong("seq")).isEqualTo(1L);
        assertThat(row.getString("text")).isEqualTo("hello");
        assertThat(row.getInstant("sent_at")).isEqualTo(sentAt);
    }

    @Test
    void writesAndReadsAKeyWithATimeToLiveInRedis() {
        String key = "probe:" + UUID.randomUUID();
        redis.opsForValue().set(key, "online", Duration.ofSeconds(30));

        assertThat(redis.opsForValue().get(key)).isEqualTo("online");
        assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(1L, 30L);
    }

    @Test
    void readsBackAnEventSentToTheEventsTopic() throws Exception {
        String key = UUID.randomUUID().toString();
        var sent = kafka.send(topics.events().name(), key, "{\"type\":\"Probe\"}").get(20, TimeUnit.SECONDS);

        var record = ServerChecks.readBack(RealServers.endpoints().kafkaBootstrapServers(), sent);

        assertThat(record.key()).isEqualTo(key);
        assertThat(record.value()).isEqualTo("{\"type\":\"Probe\"}");
    }

    @Test
    void reportsItsServersHealthy() throws Exception {
        ServerChecks.assertHealthUp(port, "cassandra", "redis", "kafka");
    }
}
