package dev.parley.bench.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The REST routes the ladder needs, over the JDK's HTTP client: registration and sign-in (the public
 * routes a client app uses) and the admin API's projection status. Public for the media benchmark, which
 * signs its users in the same way.
 */
public final class ParleyRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A signed-in user: what a socket needs. */
    public record Account(String username, String userId, String token) {
    }

    /** The conversations read model's lag as the admin API reports it, and when that report was written. */
    record ProjectionReport(String status, long lag, Instant reportedAt) {
    }

    private final URI base;
    private final HttpClient http;

    public ParleyRest(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** {@code POST /api/users} then {@code POST /api/sessions}. */
    public Account register(String username, String password, String displayName) throws IOException, InterruptedException {
        post("/api/users", Map.of("username", username, "password", password, "displayName", displayName), null, 201);
        return signIn(username, password);
    }

    Account signIn(String username, String password) throws IOException, InterruptedException {
        JsonNode session = post("/api/sessions", Map.of("username", username, "password", password), null, 200);
        return new Account(username, session.path("userId").asText(), session.path("token").asText());
    }

    /** The named read model in {@code GET /admin/projections}; null when no node has reported it. */
    ProjectionReport projection(String adminToken, String name) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/admin/projections")).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + adminToken).GET().build();
        JsonNode body = answer(http.send(request, HttpResponse.BodyHandlers.ofString()), 200);
        for (JsonNode projection : body.path("projections")) {
            if (name.equals(projection.path("name").asText())) {
                String reportedAt = projection.path("reportedAt").asText(null);
                return new ProjectionReport(projection.path("status").asText(), projection.path("lag").asLong(),
                        reportedAt == null ? null : Instant.parse(reportedAt));
            }
        }
        return null;
    }

    private JsonNode post(String path, Object body, String token, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()), expected);
    }

    private static JsonNode answer(HttpResponse<String> response, int expected) throws IOException {
        if (response.statusCode() != expected) {
            throw new IOException(response.request().method() + " " + response.request().uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
