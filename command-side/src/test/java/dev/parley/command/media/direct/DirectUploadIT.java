package dev.parley.command.media.direct;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.command.media.TestImages;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaUploaded;
import dev.parley.platform.s3.MediaBucket;
import dev.parley.testing.MutableClock;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The direct path against the real PostgreSQL, Kafka and S3 server: a ticket, a real PUT of the bytes to the
 * presigned URL, the completion's checks and what it stores, and the cleanup of uploads never completed.
 * Small limits here (a "large" file is 4 KiB), so that the test sends little.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.media.direct.min-file-bytes=1024", "parley.media.direct.max-file-bytes=2097152",
        "parley.media.max-file-bytes=1048576", "parley.media.daily-files=3"})
@UsesRealServers
@Import(DirectUploadIT.StillClock.class)
class DirectUploadIT {

    /** The context's clock, moved by the cleanup's test: how 24 hours pass without waiting. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StillClock {
        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.now());
        }
    }

    private static final byte[] PDF = Arrays.copyOf(("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer"
            + " << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII), 4096);

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
    EventStore eventStore;
    @Autowired
    MutableClock clock;
    @Autowired
    AbandonedUploadsCleanup cleanup;

    record Answer(int status, String contentType, JsonNode body) {
    }

    @Test
    void aLargeFileIsPutStraightToTheStoreAndRecordedOnceWhenCompleted() throws Exception {
        UserId ada = UserId.random();

        Answer ticket = ask(ada, "application/pdf", PDF.length);

        assertThat(ticket.status()).isEqualTo(201);
        assertThat(ticket.body().path("method").asText()).isEqualTo("PUT");
        assertThat(ticket.body().path("headers").path("Content-Type").asText()).isEqualTo("application/pdf");
        assertThat(Instant.parse(ticket.body().path("expiresAt").asText())).isAfter(Instant.now().plusSeconds(600));
        String uploadId = ticket.body().path("uploadId").asText();
        assertThat(ticket.body().path("url").asText()).contains("/uploads/" + uploadId + "?")
                // Type and length are part of the signature: the store refuses a PUT with others.
                .containsPattern("X-Amz-SignedHeaders=[^&]*content-length").containsPattern("X-Amz-SignedHeaders=[^&]*content-type");
        assertThat(put(ticket, PDF)).isEqualTo(200);

        Answer completed = complete(ada, uploadId);

        assertThat(completed.status()).isEqualTo(201);
        JsonNode media = completed.body();
        assertThat(media.path("mediaId").asText()).isEqualTo(ticket.body().path("mediaId").asText());
        assertThat(media.path("contentType").asText()).isEqualTo("application/pdf");
        assertThat(media.path("size").asLong()).isEqualTo(PDF.length);
        assertThat(media.path("width").isNull()).isTrue();
        assertThat(media.path("thumbnailUrl").isNull()).isTrue();
        Map<String, Object> row = ownerRow(media.path("mediaId").asText());
        assertThat(row.get("owner_id")).isEqualTo(ada.value());
        assertThat(row.get("object_key")).isEqualTo("media/" + uploadId);
        ResponseBytes<GetObjectResponse> stored = object("media/" + uploadId);
        assertThat(stored.asByteArray()).isEqualTo(PDF);
        assertThat(stored.response().contentType()).isEqualTo("application/pdf");
        assertThat(stored.response().cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(exists("uploads/" + uploadId)).isFalse();
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(media.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(PDF);

        Answer again = complete(ada, uploadId);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().path("mediaId").asText()).isEqualTo(media.path("mediaId").asText());
        assertThat(again.body().path("size").asLong()).isEqualTo(PDF.length);
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(media.path("mediaId").asText(), 0)
                .asStream().toList();
        assertThat(events).hasSize(1);
        assertThat(((MediaUploaded) events.get(0).getPayload()).media().objectKey()).isEqualTo("media/" + uploadId);
    }

    @Test
    void aPhotoCompletedIsReencodedWithoutItsGpsPositionAndThumbnailed() throws Exception {
        UserId ada = UserId.random();
        byte[] photo = TestImages.withGpsExif(TestImages.jpeg(3000, 1500));
        Answer ticket = ask(ada, "image/jpeg", photo.length);
        assertThat(put(ticket, photo)).isEqualTo(200);

        Answer completed = complete(ada, ticket.body().path("uploadId").asText());

        assertThat(completed.status()).isEqualTo(201);
        assertThat(completed.body().path("width").asInt()).isEqualTo(2048);
        assertThat(completed.body().path("height").asInt()).isEqualTo(1024);
        Map<String, Object> row = ownerRow(completed.body().path("mediaId").asText());
        assertThat((String) row.get("object_key")).matches("media/[0-9a-f]{64}");
        byte[] stored = object((String) row.get("object_key")).asByteArray();
        byte[] thumbnail = object((String) row.get("thumbnail_key")).asByteArray();
        assertThat(TestImages.hasApp1Segment(stored)).isFalse();
        assertThat(TestImages.hasApp1Segment(thumbnail)).isFalse();
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(completed.body().path("thumbnailUrl").asText()).contains((String) row.get("thumbnail_key"));
        assertThat(exists("uploads/" + ticket.body().path("uploadId").asText())).isFalse();
    }

    @Test
    void aPutOfMoreBytesThanDeclaredIsRefusedByTheStore() throws Exception {
        UserId ada = UserId.random();
        Answer ticket = ask(ada, "application/pdf", PDF.length);

        int status = put(ticket, Arrays.copyOf(PDF, PDF.length + 1000));

        assertThat(status).isBetween(400, 499);
        String uploadId = ticket.body().path("uploadId").asText();
        assertThat(exists("uploads/" + uploadId)).isFalse();
        Answer early = complete(ada, uploadId);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.contentType()).startsWith("application/problem+json");
        assertThat(early.body().path("code").asText()).isEqualTo("CONFLICT");
        // The upload stays: the right bytes may still be PUT and completed.
        assertThat(put(ticket, PDF)).isEqualTo(200);
        assertThat(complete(ada, uploadId).status()).isEqualTo(201);
    }

    @Test
    void bytesThatAreNotTheDeclaredTypeAreRefused415AndDeleted() throws Exception {
        UserId eve = UserId.random();
        byte[] text = Arrays.copyOf("#!/bin/sh\necho this is a script declared as a PNG\n"
                .getBytes(StandardCharsets.UTF_8), 2048);
        Arrays.fill(text, 60, text.length, (byte) ' ');
        Answer ticket = ask(eve, "image/png", text.length);
        assertThat(put(ticket, text)).isEqualTo(200);
        String uploadId = ticket.body().path("uploadId").asText();

        Answer refused = complete(eve, uploadId);

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("detail").asText()).isEqualTo("the uploaded bytes are not image/png, the type declared");
        assertThat(exists("uploads/" + uploadId)).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM media_owners WHERE owner_id = ?", Integer.class, eve.value()))
                .isZero();
        assertThat(complete(eve, uploadId).status()).isEqualTo(404);
    }

    @Test
    void onlyTheUserWhoAskedMayCompleteAnUpload() throws Exception {
        UserId ada = UserId.random();
        Answer ticket = ask(ada, "application/pdf", PDF.length);
        assertThat(put(ticket, PDF)).isEqualTo(200);
        String uploadId = ticket.body().path("uploadId").asText();

        Answer someoneElse = complete(UserId.random(), uploadId);
        Answer unknown = complete(ada, "7b0c3f4e-0000-4000-8000-000000000000");

        assertThat(someoneElse.status()).isEqualTo(404);
        assertThat(someoneElse.contentType()).startsWith("application/problem+json");
        assertThat(someoneElse.body().path("detail").asText()).isEqualTo("no upload " + uploadId);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(exists("uploads/" + uploadId)).isTrue();
        assertThat(complete(ada, uploadId).status()).isEqualTo(201);
    }

    @Test
    void whatIsDeclaredIsCheckedBeforeAnyUrlIsHandedOut() throws Exception {
        UserId ada = UserId.random();

        Answer text = ask(ada, "text/plain", 4096);
        Answer tooLarge = ask(ada, "video/mp4", 2_097_153);
        Answer imageTooLarge = ask(ada, "image/png", 1_048_577);
        Answer small = ask(ada, "application/pdf", 1000);
        Answer noSize = post(ada, "/api/media/uploads", "{\"contentType\":\"application/pdf\"}");

        assertThat(text.status()).isEqualTo(415);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().path("code").asText()).isEqualTo("TOO_LARGE");
        assertThat(imageTooLarge.status()).isEqualTo(413);
        assertThat(small.status()).isEqualTo(400);
        assertThat(small.body().path("detail").asText())
                .isEqualTo("a file of fewer than 1024 bytes is uploaded with POST /api/media");
        assertThat(noSize.status()).isEqualTo(400);
        assertThat(List.of(text, tooLarge, imageTooLarge, small, noSize))
                .allSatisfy(answer -> assertThat(answer.contentType()).startsWith("application/problem+json"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM media_direct_uploads WHERE owner_id = ?", Integer.class,
                ada.value())).isZero();
    }

    @Test
    void theDailyQuotaIsCountedWhenAnUploadIsAskedFor() throws Exception {
        UserId ada = UserId.random();
        for (int i = 0; i < 3; i++) {
            assertThat(ask(ada, "application/pdf", PDF.length).status()).isEqualTo(201);
        }

        Answer refused = ask(ada, "application/pdf", PDF.length);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM media_direct_uploads WHERE owner_id = ?", Integer.class,
                ada.value())).isEqualTo(3);
    }

    @Test
    void uploadsNeverCompletedAreDeletedAfterADayAndCompletedMediaStays() throws Exception {
        UserId ada = UserId.random();
        Answer abandoned = ask(ada, "application/pdf", PDF.length);
        assertThat(put(abandoned, PDF)).isEqualTo(200);
        Answer kept = ask(ada, "application/pdf", PDF.length);
        assertThat(put(kept, PDF)).isEqualTo(200);
        String keptId = kept.body().path("uploadId").asText();
        String mediaId = complete(ada, keptId).body().path("mediaId").asText();
        String abandonedId = abandoned.body().path("uploadId").asText();

        clock.advance(Duration.ofHours(23));
        cleanup.deleteAbandoned();
        assertThat(uploadRows(abandonedId)).isEqualTo(1);
        assertThat(exists("uploads/" + abandonedId)).isTrue();

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        Answer fresh = ask(ada, "application/pdf", PDF.length);
        assertThat(cleanup.deleteAbandoned()).isGreaterThanOrEqualTo(2);

        assertThat(uploadRows(abandonedId)).isZero();
        assertThat(exists("uploads/" + abandonedId)).isFalse();
        assertThat(uploadRows(keptId)).isZero();
        assertThat(object("media/" + keptId).asByteArray()).isEqualTo(PDF);
        assertThat(ownerRow(mediaId).get("object_key")).isEqualTo("media/" + keptId);
        assertThat(uploadRows(fresh.body().path("uploadId").asText())).isEqualTo(1);
        assertThat(complete(ada, abandonedId).status()).isEqualTo(404);
    }

    private Answer ask(UserId user, String contentType, long size) throws IOException, InterruptedException {
        return post(user, "/api/media/uploads", "{\"contentType\":\"" + contentType + "\",\"size\":" + size + "}");
    }

    private Answer complete(UserId user, String uploadId) throws IOException, InterruptedException {
        return post(user, "/api/media/uploads/" + uploadId + "/complete", null);
    }

    private Answer post(UserId user, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.sign(tokens, user, "user"));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), parsed);
    }

    /** The client's PUT: the ticket's URL and headers as they are; Java's client sets Content-Length from the body. */
    private int put(Answer ticket, byte[] bytes) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ticket.body().path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (Iterator<Map.Entry<String, JsonNode>> headers = ticket.body().path("headers").fields(); headers.hasNext(); ) {
            Map.Entry<String, JsonNode> header = headers.next();
            request.header(header.getKey(), header.getValue().asText());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int uploadRows(String uploadId) {
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM media_direct_uploads WHERE upload_id = ?", Integer.class,
                uploadId);
        return rows == null ? 0 : rows;
    }

    private Map<String, Object> ownerRow(String mediaId) {
        return jdbc.queryForMap("SELECT * FROM media_owners WHERE media_id = ?", mediaId);
    }

    private ResponseBytes<GetObjectResponse> object(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(bucket.name()).key(key));
    }

    private boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket(bucket.name()).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
