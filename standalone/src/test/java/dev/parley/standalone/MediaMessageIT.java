package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.UserId;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.UsesRealServers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Media the way a client app sends it, through the whole of Parley: an image uploaded over REST, its id
 * sent with a caption over a real socket, and the other member's {@code message} push and {@code history}
 * carrying the media object, whose signed URLs fetch the stored image and its thumbnail from the store.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class MediaMessageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;

    @Test
    void anUploadedImageSentWithACaptionReachesTheOtherMemberWithUrlsThatFetchIt() throws Exception {
        Requests requests = new Requests(port, tokens);
        UserId ada = requests.register("ada");
        UserId bob = requests.register("bob");
        String adaToken = requests.token(ada);

        JsonNode uploaded = upload(adaToken, photo(640, 480));
        assertThat(uploaded.path("contentType").asText()).isEqualTo("image/jpeg");
        String mediaId = uploaded.path("mediaId").asText();

        try (ChatSocket adaSocket = ChatSocket.connect(port, adaToken);
             ChatSocket bobSocket = ChatSocket.connect(port, requests.token(bob))) {
            String direct = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
            adaSocket.ack("send", "conversationId", direct, "clientMsgId", "c-1", "text", "the view", "mediaId", mediaId);

            JsonNode pushed = bobSocket.take(frame -> "message".equals(frame.path("type").asText())
                    && direct.equals(frame.path("conversationId").asText()), WAIT);
            assertThat(pushed).as("bob's message push").isNotNull();
            assertThat(pushed.path("text").asText()).isEqualTo("the view");
            assertMediaFetchable(pushed.path("media"), mediaId);

            // The push comes straight from the event; history answers once bob's membership is in the read
            // model, which may be a moment later.
            JsonNode history = await("bob's history").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> bobSocket.reply(bobSocket.send("history", "conversationId", direct)),
                            reply -> "ack".equals(reply.path("type").asText()));
            JsonNode kept = history.path("messages").get(0);
            assertMediaFetchable(kept.path("media"), mediaId);
        }
    }

    private void assertMediaFetchable(JsonNode media, String mediaId) throws Exception {
        assertThat(media.path("mediaId").asText()).isEqualTo(mediaId);
        assertThat(media.path("width").asInt()).isEqualTo(640);
        assertThat(media.path("height").asInt()).isEqualTo(480);
        HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(URI.create(media.path("url").asText())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).hasSize(media.path("size").asInt());
        HttpResponse<byte[]> thumbnail = http.send(HttpRequest.newBuilder(URI.create(media.path("thumbnailUrl").asText()))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(thumbnail.body())).getWidth()).isEqualTo(320);
    }

    private JsonNode upload(String token, byte[] jpeg) throws Exception {
        String boundary = "parley-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"view.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(jpeg);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/media"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json.readTree(answer.body());
    }

    /** A photo-like JPEG: noise over a gradient, so that it compresses as a photo does. */
    private static byte[] photo(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = Math.min(255, x * 255 / width + random.nextInt(30));
                int g = Math.min(255, y * 255 / height + random.nextInt(30));
                int b = Math.min(255, 128 + random.nextInt(60));
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
