package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.UserId;
import dev.parley.push.frames.FrameRateLimits;
import dev.parley.testing.HttpCalls;
import dev.parley.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * REST requests against the whole of Parley for the rule tests, over test-support's {@link HttpCalls}: every
 * request has a timeout, so a route that never answers fails its test instead of holding it.
 */
final class Requests {

    static final Duration NEVER = HttpCalls.NEVER;

    record Answer(int status, String contentType, String text, JsonNode body) {
        /** The protocol's {@code code} of a problem answer. */
        String code() {
            return body.path("code").asText();
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpCalls http;
    private final JwtEncoder tokens;

    Requests(int port, JwtEncoder tokens) {
        this.http = new HttpCalls(port);
        this.tokens = tokens;
    }

    URI uri(String pathAndQuery) {
        return http.uri(pathAndQuery);
    }

    String token(UserId user, String... roles) {
        return TestTokens.sign(tokens, user, roles.length == 0 ? new String[] {"user"} : roles);
    }

    Answer get(String pathAndQuery, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + token).GET());
    }

    Answer send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request);
        String text = response.body();
        JsonNode body;
        try {
            body = text.isEmpty() ? json.nullNode() : json.readTree(text);
        } catch (Exception notJson) {
            body = json.nullNode();
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), text, body);
    }

    /** A new user, registered over REST; its username is {@code prefix_} and eight random characters. */
    UserId register(String prefix) throws Exception {
        String username = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = send("POST", "/api/users", null, "{\"username\":\"" + username
                + "\",\"password\":\"a long password\",\"displayName\":\"" + username + "\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new UserId(created.body().path("userId").asText());
    }

    /** One parameter of one of Parley's own routes; {@code route} is "METHOD pattern". */
    record RouteParameter(String route, MethodParameter parameter) {
    }

    /** Every parameter of every route Parley serves (not Spring's own, such as {@code /error}). */
    static List<RouteParameter> parametersOfParleyRoutes(RequestMappingHandlerMapping routes) {
        List<RouteParameter> parameters = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : routes.getHandlerMethods().entrySet()) {
            if (!route.getValue().getBeanType().getPackageName().startsWith("dev.parley")) {
                continue;
            }
            String method = route.getKey().getMethodsCondition().getMethods().iterator().next().name();
            for (String pattern : route.getKey().getPatternValues()) {
                for (MethodParameter parameter : route.getValue().getMethodParameters()) {
                    parameters.add(new RouteParameter(method + " " + pattern, parameter));
                }
            }
        }
        return parameters;
    }

    /** The protocol's {@code type} of a frame record, as the push node binds it. */
    static String frameType(Class<?> frame) {
        return FrameRateLimits.types().entrySet().stream().filter(type -> type.getValue() == frame)
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("a frame record with no type: " + frame));
    }
}
