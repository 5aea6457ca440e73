package dev.parley.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.parley.platform.s3.MediaBucket;
import dev.parley.testing.ServerChecks;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The query side reads from each server it uses, through its own configured clients. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class QuerySideReachesServersIT {

    @Autowired
    CqlSession cassandra;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate postgres;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    S3Client s3;
    @Autowired
    S3Presigner presigner;
    @Autowired
    MediaBucket bucket;
    @LocalServerPort
    int port;

    @Test
    void readsTheLastMessagesOfAConversationNewestBucketFirst() {
        String conversationId = UUID.randomUUID().toString();
        for (long seq = 1; seq <= 3; seq++) {
            cassandra.execute("INSERT INTO messages (conversation_id, bucket, seq, message_id, text) VALUES (?, 0, ?, ?, ?)",
                    conversationId, seq, "m-" + seq, "text " + seq);
        }

        var texts = cassandra.execute("SELECT text FROM messages WHERE conversation_id = ? AND bucket = 0"
                        + " ORDER BY seq DESC LIMIT 2", conversationId)
                .all().stream().map(row -> row.getString("text")).toList();

        assertThat(texts).containsExactly("text 3", "text 2");
    }

    @Test
    void readsAHashFromRedis() {
        String key = "user:" + UUID.randomUUID();
        redis.opsForHash().put(key, "displayName", "Ada");

        assertThat(redis.opsForHash().get(key, "displayName")).isEqualTo("Ada");
    }

    @Test
    void writesAndReadsRowsInPostgresInOneTransaction() {
        // A temporary table lives on one connection: the transaction keeps every statement on it.
        Integer sum = transactions.execute(status -> {
            postgres.execute("CREATE TEMPORARY TABLE probe (n int) ON COMMIT DROP");
            postgres.update("INSERT INTO probe VALUES (1), (2), (3)");
            return postgres.queryForObject("SELECT sum(n)::int FROM probe", Integer.class);
        });

        assertThat(sum).isEqualTo(6);
        assertThat(postgres.queryForObject("SELECT current_database()", String.class)).isEqualTo("parley");
    }

    @Test
    void servesAnObjectThroughATimeLimitedUrl() throws Exception {
        String key = "probe/" + UUID.randomUUID();
        s3.putObject(request -> request.bucket(bucket.name()).key(key).contentType("text/plain"),
                RequestBody.fromString("presigned hello"));

        URI url = presigner.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(get -> get.bucket(bucket.name()).key(key))).url().toURI();
        HttpClient http = HttpClient.newHttpClient();
        var fetched = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        var tampered = http.send(HttpRequest.newBuilder(URI.create(url.toString().replace(key, key + "x"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo("presigned hello");
        assertThat(tampered.statusCode()).isEqualTo(403);
    }

    @Test
    void reportsItsServersHealthy() throws Exception {
        ServerChecks.assertHealthUp(port, "postgres", "cassandra", "redis", "kafka", "s3");
    }
}
