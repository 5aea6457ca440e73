package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.platform.s3.S3Properties;
import dev.parley.push.registry.SessionRegistry;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.RealServers;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * A message with media, fed to the fan-out as the command side publishes it (on the real events topic),
 * reaches a member's socket with the protocol's media object, and its URLs fetch the object from the real
 * S3 server; {@code history} answers it with URLs signed again. (Until media can be uploaded, a message with
 * media cannot be sent through a socket: the events are written here.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class MediaPushIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final byte[] PHOTO = "a photo, as stored".getBytes(StandardCharsets.UTF_8);
    private static final byte[] THUMBNAIL = "its thumbnail".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    SessionRegistry registry;
    @Autowired
    KafkaTopicsProperties topics;
    @Autowired
    CqlSession cassandra;
    @Autowired
    S3Client s3;
    @Autowired
    S3Properties s3Properties;
    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aMessageWithMediaIsPushedAndAnsweredInHistoryWithUrlsThatFetchTheObject() throws Exception {
        UserId ada = UserId.random();
        UserId bob = UserId.random();
        ConversationId group = ConversationId.newGroup();
        MediaId photo = MediaId.random();
        String key = "media/push-test/" + photo.value();
        put(key + ".jpg", PHOTO);
        put(key + "-thumb.jpg", THUMBNAIL);
        MediaAttachment attachment = new MediaAttachment(photo, "image/jpeg", PHOTO.length, 800, 600, key + ".jpg",
                key + "-thumb.jpg");
        // history checks membership in the read model, which no projection writes here.
        for (UserId member : List.of(ada, bob)) {
            cassandra.execute("INSERT INTO members_by_conversation (conversation_id, user_id, admin, joined_at)"
                    + " VALUES (?, ?, false, ?)", group.value(), member.value(), Instant.now());
        }

        try (ChatSocket socket = ChatSocket.connect(port, TestTokens.sign(tokens, bob))) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.nodesOf(List.of(bob.value()))
                    .getOrDefault(bob.value(), Set.of())).contains(registry.nodeId()));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<Object> events = List.of(new GroupCreated(group, ada, "Photos", List.of(ada, bob), now),
                    new MessageSent(group, new MessageId("m-1"), 1, ada, "c-1", "look", attachment, now));
            // The fan-out starts from the newest offset once its partitions are assigned, which may be after a
            // first publish: published again until pushed (a repeat is the same seq, which changes nothing).
            AtomicReference<JsonNode> pushed = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                publish(group, events);
                pushed.set(socket.take(frame -> frame.path("type").asText().equals("message")
                        && frame.path("conversationId").asText().equals(group.value()), Duration.ofSeconds(15)));
            });
            JsonNode media = pushed.get().path("media");
            assertThat(media.path("mediaId").asText()).isEqualTo(photo.value());
            assertThat(media.path("contentType").asText()).isEqualTo("image/jpeg");
            assertThat(media.path("size").asLong()).isEqualTo(PHOTO.length);
            assertThat(media.path("width").asInt()).isEqualTo(800);
            assertThat(media.path("height").asInt()).isEqualTo(600);
            assertThat(media.has("objectKey")).isFalse();
            assertThat(fetch(media.path("url").asText())).isEqualTo(PHOTO);
            assertThat(fetch(media.path("thumbnailUrl").asText())).isEqualTo(THUMBNAIL);

            JsonNode history = socket.ack("history", "conversationId", group.value(), "afterSeq", 0);
            JsonNode again = history.path("messages").get(0).path("media");
            assertThat(again.path("mediaId").asText()).isEqualTo(photo.value());
            assertThat(fetch(again.path("url").asText())).isEqualTo(PHOTO);
        }
    }

    /** The conversation's events as its publisher sends them: Axon's record format, keyed by the conversation. */
    private void publish(ConversationId conversation, List<Object> events) throws Exception {
        KafkaMessageConverter<String, byte[]> converter = DefaultKafkaMessageConverter.builder()
                .serializer(JacksonSerializer.builder().objectMapper(json.copy()).build()).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.endpoints().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events.size(); i++) {
                var message = new GenericDomainEventMessage<>("Conversation", conversation.value(), i, events.get(i));
                producer.send(converter.createKafkaMessage(message, topics.events().name())).get();
            }
        }
    }

    private void put(String key, byte[] bytes) {
        try {
            s3.headBucket(request -> request.bucket(s3Properties.bucket()));
        } catch (NoSuchBucketException missing) {
            s3.createBucket(request -> request.bucket(s3Properties.bucket())); // a push node does not create it
        }
        s3.putObject(request -> request.bucket(s3Properties.bucket()).key(key), RequestBody.fromBytes(bytes));
    }

    private byte[] fetch(String url) throws Exception {
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as("GET %s", url).isEqualTo(200);
        return answer.body();
    }
}
