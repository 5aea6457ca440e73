package dev.parley.command.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.command.TestAccounts;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.MediaUploaded;
import dev.parley.kernel.media.RecordMedia;
import dev.parley.kernel.media.UnknownMedia;
import dev.parley.kernel.user.ProfileUpdated;
import dev.parley.kernel.user.RegisterUser;
import dev.parley.kernel.user.UpdateProfile;
import dev.parley.platform.s3.MediaBucket;
import dev.parley.testing.TestTokens;
import dev.parley.testing.TopicReader;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import java.time.Duration;
import dev.parley.testing.UsesRealServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code POST /api/media} against the real PostgreSQL, Kafka and S3 server: every answer, what is stored,
 * and who may then use the media. A small file limit and quota here, so that the test sends little.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.media.max-file-bytes=1048576", "parley.media.daily-files=3"})
@UsesRealServers
class MediaUploadIT {

    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    S3Client s3;
    @Autowired
    MediaBucket bucket;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    KafkaTopicsProperties topics;

    record Answer(int status, String contentType, JsonNode body, HttpResponse<String> response) {
    }

    @Test
    void aPhotoIsStoredReencodedWithoutItsGpsPositionAndWithAThumbnail() throws Exception {
        UserId ada = UserId.random();
        byte[] photo = TestImages.withGpsExif(TestImages.jpeg(3000, 1500));
        assertThat(TestImages.hasApp1Segment(photo)).isTrue();

        Answer created = upload(ada, "holiday.jpg", "image/jpeg", photo);

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.body();
        assertThat(body.path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(body.path("width").asInt()).isEqualTo(2048);
        assertThat(body.path("height").asInt()).isEqualTo(1024);
        Map<String, Object> row = ownerRow(body.path("mediaId").asText());
        assertThat(row.get("owner_id")).isEqualTo(ada.value());
        assertThat(((Number) row.get("size_bytes")).longValue()).isEqualTo(body.path("size").asLong());

        ResponseBytes<GetObjectResponse> stored = object((String) row.get("object_key"));
        ResponseBytes<GetObjectResponse> thumbnail = object((String) row.get("thumbnail_key"));
        assertThat(TestImages.hasApp1Segment(stored.asByteArray())).isFalse();
        assertThat(TestImages.hasApp1Segment(thumbnail.asByteArray())).isFalse();
        assertThat(new String(stored.asByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        assertThat(new String(thumbnail.asByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.asByteArray()));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(160);
        // Content addressed and immutable: the key is the bytes' hash, and caches may keep them a year.
        assertThat((String) row.get("object_key")).matches("media/[0-9a-f]{64}");
        assertThat((String) row.get("thumbnail_key")).matches("thumbs/[0-9a-f]{64}");
        assertThat(stored.response().contentType()).isEqualTo("image/jpeg");
        assertThat(stored.response().cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        // The answer's URLs are presigned GETs that work as they are.
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(body.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(stored.asByteArray());
        assertThat(body.path("thumbnailUrl").asText()).contains((String) row.get("thumbnail_key"));
    }

    /**
     * A WebP photo (600 x 400, made with libwebp's cwebp, a GPS position set in its EXIF chunk with webpmux):
     * read with TwelveMonkeys' WebP reader and stored as a JPEG without the position, since no maintained
     * Java library writes WebP.
     */
    @Test
    void aWebpPhotoIsStoredAsJpegWithoutItsGpsPosition() throws Exception {
        byte[] webp;
        try (var in = MediaUploadIT.class.getResourceAsStream("/media/photo-with-gps.webp")) {
            webp = in.readAllBytes();
        }
        assertThat(new String(webp, StandardCharsets.ISO_8859_1)).contains("EXIF");

        Answer created = upload(UserId.random(), "beach.webp", "image/webp", webp);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(created.body().path("width").asInt()).isEqualTo(600);
        assertThat(created.body().path("height").asInt()).isEqualTo(400);
        Map<String, Object> row = ownerRow(created.body().path("mediaId").asText());
        byte[] stored = object((String) row.get("object_key")).asByteArray();
        assertThat(TestImages.hasApp1Segment(stored)).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).isEqualTo(600);
        assertThat(ImageIO.read(new ByteArrayInputStream(object((String) row.get("thumbnail_key")).asByteArray()))
                .getWidth()).isEqualTo(320);
    }

    @Test
    void anImageWithTransparencyIsStoredAsPng() throws Exception {
        Answer created = upload(UserId.random(), "sticker.png", "image/png", TestImages.transparentPng(400, 200));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("contentType").asText()).isEqualTo("image/png");
        assertThat(created.body().path("width").asInt()).isEqualTo(400);
    }

    @Test
    void anAnimatedGifIsKeptAsUploadedWithItsFirstFrameAsThumbnail() throws Exception {
        byte[] animation = TestImages.animatedGif(600, 300);

        Answer created = upload(UserId.random(), "dance.gif", "image/gif", animation);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("contentType").asText()).isEqualTo("image/gif");
        assertThat(created.body().path("width").asInt()).isEqualTo(600);
        Map<String, Object> row = ownerRow(created.body().path("mediaId").asText());
        assertThat(object((String) row.get("object_key")).asByteArray()).isEqualTo(animation);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(object((String) row.get("thumbnail_key")).asByteArray()));
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getRGB(10, 10) & 0xFFFFFF).satisfies(rgb -> assertThat(rgb >> 16).isGreaterThan(200)); // red
    }

    @Test
    void aFileRenamedPngThatIsNotOneIsRefused415() throws Exception {
        UserId eve = UserId.random();

        Answer refused = upload(eve, "photo.png", "image/png",
                "#!/bin/sh\necho this is a script saved as photo.png\n".getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(storedMediaOf(eve)).isZero();
    }

    @Test
    void anUploadThatIsNotMultipartIsRefused415WithTheTypeToSend() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/media"))
                .header("Authorization", "Bearer " + TestTokens.sign(tokens, UserId.random(), "user"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json.readTree(response.body()).path("detail").asText()).isEqualTo("this route takes multipart/form-data");
    }

    @Test
    void aDecompressionBombIsRefusedWithoutBeingDecodedOrStored() throws Exception {
        UserId eve = UserId.random();
        byte[] bomb = TestImages.pngBomb(20_000);
        assertThat(bomb.length).isLessThan(200_000); // 400 million pixels in a small file

        Answer refused = upload(eve, "bomb.png", "image/png", bomb);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // Refused by the budget read from the header: a decode would have failed otherwise, or succeeded.
        assertThat(refused.body().path("detail").asText()).contains("400000000 pixels");
        assertThat(storedMediaOf(eve)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM media_daily_usage WHERE owner_id = ?", Integer.class,
                eve.value())).isZero();
    }

    @Test
    void aCorruptImageIsRefused422() throws Exception {
        UserId eve = UserId.random();

        Answer refused = upload(eve, "broken.png", "image/png", TestImages.corruptPng());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(storedMediaOf(eve)).isZero();
    }

    @Test
    void aFileOverTheLimitIsRefused413AsAProblem() throws Exception {
        byte[] large = Arrays.copyOf(PDF, 1_572_864);

        Answer refused = upload(UserId.random(), "large.pdf", "application/pdf", large);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("code").asText()).isEqualTo("TOO_LARGE");
    }

    @Test
    void otherTypesAreStoredAsUploadedUntilTheDailyQuotaIsUsed() throws Exception {
        UserId ada = UserId.random();
        for (int i = 0; i < 3; i++) {
            Answer created = upload(ada, "notes.pdf", "application/octet-stream", PDF);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().path("contentType").asText()).isEqualTo("application/pdf");
            assertThat(created.body().path("size").asLong()).isEqualTo(PDF.length);
            assertThat(created.body().path("width").isNull()).isTrue();
            assertThat(created.body().path("thumbnailUrl").isNull()).isTrue();
            String key = (String) ownerRow(created.body().path("mediaId").asText()).get("object_key");
            assertThat(object(key).asByteArray()).isEqualTo(PDF);
        }

        Answer refused = upload(ada, "notes.pdf", "application/pdf", PDF);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(refused.response().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 86_400L);
        assertThat(storedMediaOf(ada)).isEqualTo(3);
    }

    @Test
    void anUploadIsRecordedOnceAsMediaUploaded() throws Exception {
        UserId ada = UserId.random();
        MediaId media = new MediaId(upload(ada, "notes.pdf", "application/pdf", PDF).body().path("mediaId").asText());
        MediaAttachment stored = attachment(media);

        commands.sendAndWait(new RecordMedia(media, ada, stored)); // again: changes nothing

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(media.value(), 0).asStream().toList();
        assertThat(events).hasSize(1);
        MediaUploaded uploaded = (MediaUploaded) events.get(0).getPayload();
        assertThat(uploaded.ownerId()).isEqualTo(ada);
        assertThat(uploaded.media()).isEqualTo(stored);
    }

    @Test
    void mediaUploadedIsPublishedUnderItsMediaId() throws Exception {
        UserId ada = UserId.random();
        MediaId media = new MediaId(upload(ada, "notes.pdf", "application/pdf", PDF).body().path("mediaId").asText());

        List<String> published;
        try (TopicReader events = TopicReader.fromStart(topics.events().name())) {
            published = events.values(media.value(), 1, Duration.ofSeconds(60));
        }

        assertThat(published).hasSize(1);
        assertThat(published.get(0)).contains("\"ownerId\":\"" + ada.value() + "\"")
                .contains("\"objectKey\":\"" + attachment(media).objectKey() + "\"");
    }

    @Test
    void aMessageCarriesItsSendersOwnMediaAndNobodyElses() throws Exception {
        UserId ada = TestAccounts.register(jdbc);
        UserId bob = TestAccounts.register(jdbc);
        MediaId photo = new MediaId(upload(ada, "cat.jpg", "image/jpeg", TestImages.jpeg(200, 100))
                .body().path("mediaId").asText());
        ConversationId conversation = commands.sendAndWait(OpenDirect.between(ada, bob));

        commands.sendAndWait(new SendMessage(conversation, ada, "c-1", "my cat", photo));

        MessageSent sent = eventStore.readEvents(conversation.value(), 0).asStream()
                .map(DomainEventMessage::getPayload).filter(MessageSent.class::isInstance).map(MessageSent.class::cast)
                .findFirst().orElseThrow();
        assertThat(sent.media()).isEqualTo(attachment(photo));
        assertThatThrownBy(() -> commands.sendAndWait(new SendMessage(conversation, bob, "c-2", "mine now", photo)))
                .isInstanceOf(UnknownMedia.class).hasMessage("no media " + photo);
    }

    @Test
    void anAvatarMustBeTheUsersOwnImage() throws Exception {
        UserId ada = registered();
        UserId bob = registered();
        MediaId avatar = new MediaId(upload(ada, "me.png", "image/png", TestImages.transparentPng(100, 100))
                .body().path("mediaId").asText());

        commands.sendAndWait(new UpdateProfile(ada, null, avatar));
        assertThatThrownBy(() -> commands.sendAndWait(new UpdateProfile(bob, null, avatar)))
                .isInstanceOf(UnknownMedia.class);

        assertThat(eventStore.readEvents(ada.value(), 0).asStream().map(DomainEventMessage::getPayload)
                .filter(ProfileUpdated.class::isInstance).map(ProfileUpdated.class::cast).map(ProfileUpdated::avatarMediaId))
                .containsExactly(avatar);
        assertThat(eventStore.readEvents(bob.value(), 0).asStream().map(DomainEventMessage::getPayload))
                .noneMatch(ProfileUpdated.class::isInstance);
    }

    private UserId registered() {
        UserId user = TestAccounts.register(jdbc);
        commands.sendAndWait(new RegisterUser(user, "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                "Someone"));
        return user;
    }

    private MediaAttachment attachment(MediaId media) {
        Map<String, Object> row = ownerRow(media.value());
        return new MediaAttachment(media, (String) row.get("content_type"), ((Number) row.get("size_bytes")).longValue(),
                (Integer) row.get("width"), (Integer) row.get("height"), (String) row.get("object_key"),
                (String) row.get("thumbnail_key"));
    }

    private Map<String, Object> ownerRow(String mediaId) {
        return jdbc.queryForMap("SELECT * FROM media_owners WHERE media_id = ?", mediaId);
    }

    private int storedMediaOf(UserId owner) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM media_owners WHERE owner_id = ?", Integer.class, owner.value());
        return count == null ? 0 : count;
    }

    private ResponseBytes<GetObjectResponse> object(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(bucket.name()).key(key));
    }

    private Answer upload(UserId user, String fileName, String contentType, byte[] bytes) throws IOException, InterruptedException {
        String boundary = "parley-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/media"))
                .header("Authorization", "Bearer " + TestTokens.sign(tokens, user, "user"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), parsed, response);
    }
}
