package dev.parley.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.UserId;
import dev.parley.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/** Calls the query side's routes over real HTTP with tokens signed as the command side signs them. */
public final class RouteClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final int port;
    private final JwtEncoder tokens;

    public RouteClient(int port, JwtEncoder tokens) {
        this.port = port;
        this.tokens = tokens;
    }

    /** An answer's status, content type, JSON body (a null node when empty) and Retry-After header (null when absent). */
    public record Answer(int status, String contentType, JsonNode body, String retryAfter) {
    }

    /** A token for {@code user} with these roles, valid for ten minutes. */
    public String token(UserId user, String... roles) {
        return TestTokens.sign(tokens, user, roles);
    }

    public Answer get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    /** {@code body} is sent as JSON; null sends none. {@code token} null sends no Authorization header. */
    public Answer send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()),
                response.headers().firstValue("Retry-After").orElse(null));
    }
}
