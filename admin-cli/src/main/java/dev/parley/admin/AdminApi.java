package dev.parley.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/** Parley's admin REST API, as the tool uses it. Every refusal becomes an {@link ApiError} with the server's detail. */
final class AdminApi {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** For the small JSON answers; an export's answer streams and has no overall limit. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private String token;

    AdminApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** {@code POST /api/sessions}: the token the following requests carry. */
    void signIn(String username, String password) throws IOException, InterruptedException {
        String body = json.writeValueAsString(Map.of("username", username, "password", password));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/sessions")).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        token = json.readTree(expect(send(request, HttpResponse.BodyHandlers.ofString()), 200)).path("token").asText(null);
        if (token == null) {
            throw new ApiError("the sign-in answer carries no token");
        }
    }

    /**
     * {@code GET /admin/events}: hands over each line of the answer as it arrives, and returns how many.
     * The lines are not collected: an export of any length takes the memory of one line.
     */
    long events(Map<String, String> query, Consumer<String> line) throws IOException, InterruptedException {
        StringJoiner parameters = new StringJoiner("&", "?", "");
        query.forEach((name, value) -> parameters.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest request = authorized(base.resolve("/admin/events" + parameters)).GET()
                .header("Accept", "application/x-ndjson, application/problem+json").build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw refusal(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (!text.isEmpty()) {
                    line.accept(text);
                    lines++;
                }
            }
        }
        return lines;
    }

    /** {@code POST /admin/projections/{name}/replay}, which answers 202 once the replay is under way. */
    void replay(String projection) throws IOException, InterruptedException {
        String path = "/admin/projections/" + URLEncoder.encode(projection, StandardCharsets.UTF_8).replace("+", "%20") + "/replay";
        HttpRequest request = authorized(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build();
        expect(send(request, HttpResponse.BodyHandlers.ofString()), 202);
    }

    /** {@code GET /admin/projections}: the {@code projections} array. */
    JsonNode projections() throws IOException, InterruptedException {
        HttpRequest request = authorized(base.resolve("/admin/projections")).GET().header("Accept", "application/json").build();
        JsonNode list = json.readTree(expect(send(request, HttpResponse.BodyHandlers.ofString()), 200)).path("projections");
        if (!list.isArray()) {
            throw new ApiError("the answer has no projections list");
        }
        return list;
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        try {
            return http.send(request, body);
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot connect to " + base + " (is Parley running there?)", e);
        }
    }

    private String expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw refusal(response.statusCode(), response.body());
        }
        return response.body();
    }

    /** The problem document's detail (RFC 9457), else its title, else the start of whatever came back. */
    private ApiError refusal(int status, String body) {
        String detail = null;
        try {
            JsonNode problem = json.readTree(body);
            detail = problem.path("detail").asText(problem.path("title").asText(null));
        } catch (IOException | RuntimeException notJson) {
            // not a problem document: fall through to the raw text
        }
        if (detail == null || detail.isBlank()) {
            detail = body == null || body.isBlank() ? "(no detail)" : body.substring(0, Math.min(200, body.length())).strip();
        }
        return new ApiError(status, detail);
    }
}
