package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.UserId;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * A large file the way a client app sends it, at the default limits: asked for, PUT straight to the store,
 * completed, then sent in a message whose push carries a URL that fetches it.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class DirectUploadMessageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 8 MiB, the smallest file the direct route takes by default. */
    private static final byte[] PDF = Arrays.copyOf("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII), 8 * 1024 * 1024);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;

    @Test
    void aFileUploadedStraightToTheStoreIsSentInAMessage() throws Exception {
        Requests requests = new Requests(port, tokens);
        UserId ada = requests.register("ada");
        UserId bob = requests.register("bob");
        String adaToken = requests.token(ada);

        JsonNode ticket = post(adaToken, "/api/media/uploads",
                "{\"contentType\":\"application/pdf\",\"size\":" + PDF.length + "}", 201);
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PDF));
        for (Iterator<Map.Entry<String, JsonNode>> headers = ticket.path("headers").fields(); headers.hasNext(); ) {
            Map.Entry<String, JsonNode> header = headers.next();
            put.header(header.getKey(), header.getValue().asText());
        }
        assertThat(http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        JsonNode media = post(adaToken, "/api/media/uploads/" + ticket.path("uploadId").asText() + "/complete", null, 201);
        String mediaId = media.path("mediaId").asText();
        assertThat(mediaId).isEqualTo(ticket.path("mediaId").asText());

        try (ChatSocket adaSocket = ChatSocket.connect(port, adaToken);
             ChatSocket bobSocket = ChatSocket.connect(port, requests.token(bob))) {
            String direct = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
            adaSocket.ack("send", "conversationId", direct, "clientMsgId", "c-1", "text", "the report", "mediaId", mediaId);

            JsonNode pushed = bobSocket.take(frame -> "message".equals(frame.path("type").asText())
                    && direct.equals(frame.path("conversationId").asText()), WAIT);
            assertThat(pushed).as("bob's message push").isNotNull();
            assertThat(pushed.path("media").path("mediaId").asText()).isEqualTo(mediaId);
            assertThat(pushed.path("media").path("contentType").asText()).isEqualTo("application/pdf");
            assertThat(pushed.path("media").path("size").asLong()).isEqualTo(PDF.length);
            HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(pushed.path("media").path("url")
                    .asText())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo(PDF);
        }
    }

    private JsonNode post(String token, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
        return json.readTree(answer.body());
    }
}
