package dev.parley.query.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.platform.s3.MediaBucket;
import dev.parley.platform.s3.PresignedMediaUrls;
import dev.parley.readmodel.conversation.MessageBuckets;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The media routes and the media in messages, over read-model rows in the real Cassandra (written here as
 * the projections write them) and objects in the real S3 server (S3Proxy): every URL handed out is fetched
 * from the store, which checks its signature and its expiry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the rows and objects are written once, for every test
class MediaRoutesIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final byte[] PHOTO_BYTES = "the photo's bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] THUMB_BYTES = "the thumbnail's bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PDF_BYTES = "%PDF-1.7 a document".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AVATAR_BYTES = "ada's face".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;
    @Autowired
    CqlSession cassandra;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    S3Client s3;
    @Autowired
    S3Presigner presigner;
    @Autowired
    MediaBucket bucket;

    private final HttpClient http = HttpClient.newHttpClient(); // never follows redirects
    private final ObjectMapper json = new ObjectMapper();
    private final UserId ada = UserId.random();
    private final UserId bob = UserId.random();
    private final UserId eve = UserId.random();
    private final ConversationId group = ConversationId.newGroup();
    private final MediaId photo = MediaId.random();
    private final MediaId pdf = MediaId.random();
    private final MediaId avatar = MediaId.random();
    private final MediaId unsent = MediaId.random();
    private final String prefix = "media/test-" + photo.value().substring(0, 8) + "/";

    @BeforeAll
    void storedMediaAndReadModels() {
        put(prefix + "photo.jpg", PHOTO_BYTES);
        put(prefix + "photo-thumb.jpg", THUMB_BYTES);
        put(prefix + "doc.pdf", PDF_BYTES);
        put(prefix + "avatar.jpg", AVATAR_BYTES);
        media(photo, ada, "image/jpeg", PHOTO_BYTES.length, prefix + "photo.jpg", prefix + "photo-thumb.jpg");
        media(pdf, ada, "application/pdf", PDF_BYTES.length, prefix + "doc.pdf", null);
        media(avatar, ada, "image/jpeg", AVATAR_BYTES.length, prefix + "avatar.jpg", null);
        media(unsent, ada, "image/jpeg", PHOTO_BYTES.length, prefix + "photo.jpg", null);
        // Ada sent the photo and the document to a group with Bob; Eve is in none of it. Ada's avatar is hers.
        for (UserId member : List.of(ada, bob)) {
            cassandra.execute("INSERT INTO members_by_conversation (conversation_id, user_id, admin, joined_at)"
                    + " VALUES (?, ?, false, ?)", group.value(), member.value(), T0);
            cassandra.execute("INSERT INTO conversations_by_user (user_id, conversation_id, joined_at) VALUES (?, ?, ?)",
                    member.value(), group.value(), T0);
        }
        cassandra.execute("INSERT INTO conversations (conversation_id, kind, title, created_by, created_at, updated_at,"
                        + " last_seq, last_message_id, last_sender_id, last_client_msg_id, last_sent_at, last_text,"
                        + " last_media_id, last_media_content_type, last_media_size, last_media_width, last_media_height,"
                        + " last_media_object_key, last_media_thumbnail_key)"
                        + " VALUES (?, 'group', 'Photos', ?, ?, ?, 2, 'm-2', ?, 'c-2', ?, null, ?, 'application/pdf', ?, null, null, ?, null)",
                group.value(), ada.value(), T0, T0.plusSeconds(2), ada.value(), T0.plusSeconds(2), pdf.value(),
                (long) PDF_BYTES.length, prefix + "doc.pdf");
        message(1, "look", photo, "image/jpeg", PHOTO_BYTES.length, 640, 480, prefix + "photo.jpg", prefix + "photo-thumb.jpg");
        message(2, null, pdf, "application/pdf", PDF_BYTES.length, null, null, prefix + "doc.pdf", null);
        cassandra.execute("INSERT INTO media_conversations (media_id, conversation_id) VALUES (?, ?)", photo.value(), group.value());
        cassandra.execute("INSERT INTO media_conversations (media_id, conversation_id) VALUES (?, ?)", pdf.value(), group.value());
        cassandra.execute("INSERT INTO users (user_id, username, display_name, avatar_media_id, created_at, updated_at)"
                + " VALUES (?, ?, 'Ada', ?, ?, ?)", ada.value(), "ada" + photo.value().substring(0, 8), avatar.value(), T0, T0);
    }

    private void put(String key, byte[] bytes) {
        s3.putObject(request -> request.bucket(bucket.name()).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(bytes));
    }

    private void media(MediaId id, UserId owner, String type, long size, String key, String thumbnailKey) {
        cassandra.execute("INSERT INTO media (media_id, owner_id, content_type, size, width, height, object_key,"
                + " thumbnail_key, uploaded_at) VALUES (?, ?, ?, ?, 640, 480, ?, ?, ?)", id.value(), owner.value(), type, size,
                key, thumbnailKey, T0);
    }

    private void message(long seq, String text, MediaId media, String type, long size, Integer width, Integer height,
                         String key, String thumbnailKey) {
        cassandra.execute("INSERT INTO messages (conversation_id, bucket, seq, message_id, sender_id, client_msg_id,"
                        + " sent_at, text, media_id, media_content_type, media_size, media_width, media_height,"
                        + " media_object_key, media_thumbnail_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                group.value(), MessageBuckets.of(seq), seq, "m-" + seq, ada.value(), "c-" + seq, T0.plusSeconds(seq), text,
                media.value(), type, size, width, height, key, thumbnailKey);
    }

    private HttpResponse<String> get(String path, UserId user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("Authorization", "Bearer " + TestTokens.sign(tokens, user, "user"));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the store answers to a plain GET of the URL, as a browser's {@code <img>} would send it. */
    private HttpResponse<byte[]> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String location(String path, UserId user) throws Exception {
        HttpResponse<String> answer = get(path, user);
        assertThat(answer.statusCode()).as("GET %s", path).isEqualTo(302);
        return answer.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void theUploaderAndAMemberAreRedirectedToAUrlThatFetchesTheBytes() throws Exception {
        for (UserId user : List.of(ada, bob)) {
            HttpResponse<String> answer = get("/api/media/" + photo.value(), user);

            assertThat(answer.statusCode()).isEqualTo(302);
            // Private (answered per user), and cached a minute less than the URL's 15 minutes.
            assertThat(answer.headers().firstValue("Cache-Control").orElseThrow()).contains("private").contains("max-age=840");
            HttpResponse<byte[]> object = fetch(answer.headers().firstValue("Location").orElseThrow());
            assertThat(object.statusCode()).isEqualTo(200);
            assertThat(object.body()).isEqualTo(PHOTO_BYTES);
            assertThat(fetch(location("/api/media/" + photo.value() + "/thumbnail", user)).body()).isEqualTo(THUMB_BYTES);
        }
        assertThat(fetch(location("/api/media/" + unsent.value(), ada)).body()).as("the uploader's, though sent nowhere")
                .isEqualTo(PHOTO_BYTES);
    }

    @Test
    void aNonMemberAnUnknownIdAndAMissingThumbnailGetTheSame404() throws Exception {
        List<HttpResponse<String>> refused = List.of(
                get("/api/media/" + photo.value(), eve),
                get("/api/media/" + photo.value() + "/thumbnail", eve),
                get("/api/media/" + unsent.value(), bob),
                get("/api/media/" + MediaId.random().value(), ada),
                get("/api/media/not%20an%20id", ada),
                get("/api/media/" + pdf.value() + "/thumbnail", ada));

        for (HttpResponse<String> answer : refused) {
            assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(answer.headers().firstValue("Location")).isEmpty();
            JsonNode problem = json.readTree(answer.body());
            assertThat(problem.path("status").asInt()).isEqualTo(404);
            assertThat(problem.path("title").asText()).isEqualTo(json.readTree(refused.get(3).body()).path("title").asText());
        }
        assertThat(get("/api/media/" + photo.value(), null).statusCode()).as("signed-in users only").isEqualTo(401);
    }

    @Test
    void anAvatarIsFetchedByAnyoneSignedInThroughItsProfilesAvatarUrl() throws Exception {
        JsonNode profile = json.readTree(get("/api/users/" + ada.value(), eve).body());
        String avatarUrl = profile.path("avatarUrl").asText();

        assertThat(avatarUrl).isEqualTo("/api/media/" + avatar.value());
        assertThat(fetch(location(avatarUrl, eve)).body()).isEqualTo(AVATAR_BYTES);
        // Being an avatar opens that one object only: Ada's other media stay hers and her groups'.
        assertThat(get("/api/media/" + photo.value(), eve).statusCode()).isEqualTo(404);
    }

    @Test
    void messagesAndTheLastMessageCarryTheMediaObjectWithUrlsSignedAsTheyAreServed() throws Exception {
        JsonNode messages = json.readTree(get("/api/conversations/" + group.value() + "/messages", bob).body()).path("messages");

        JsonNode media = messages.get(0).path("media");
        assertThat(media.path("mediaId").asText()).isEqualTo(photo.value());
        assertThat(media.path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(media.path("size").asLong()).isEqualTo(PHOTO_BYTES.length);
        assertThat(media.path("width").asInt()).isEqualTo(640);
        assertThat(media.path("height").asInt()).isEqualTo(480);
        assertThat(media.has("objectKey")).isFalse();
        assertThat(fetch(media.path("url").asText()).body()).isEqualTo(PHOTO_BYTES);
        assertThat(fetch(media.path("thumbnailUrl").asText()).body()).isEqualTo(THUMB_BYTES);
        JsonNode document = messages.get(1).path("media");
        assertThat(document.path("thumbnailUrl").isNull()).isTrue();
        assertThat(document.path("width").isNull()).isTrue();
        assertThat(fetch(document.path("url").asText()).body()).isEqualTo(PDF_BYTES);

        JsonNode summaries = json.readTree(get("/api/conversations", bob).body()).path("conversations");
        JsonNode last = summaries.get(0).path("lastMessage").path("media");
        assertThat(last.path("mediaId").asText()).isEqualTo(pdf.value());
        assertThat(fetch(last.path("url").asText()).body()).isEqualTo(PDF_BYTES);
    }

    @Test
    void theStoreRefusesAUrlOnceItHasExpired() throws Exception {
        String url = new PresignedMediaUrls(presigner, bucket.name(), Duration.ofSeconds(1), Duration.ZERO, 0).signedGet(prefix + "photo.jpg");

        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<byte[]> refused = fetch(url);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).containsIgnoringCase("expired");
        });
    }
}
