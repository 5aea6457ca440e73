package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.UserId;
import dev.parley.platform.ratelimit.LimitedRoute;
import dev.parley.platform.ratelimit.RateLimitProperties;
import dev.parley.push.PushProperties;
import dev.parley.push.frames.FrameRateLimits;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The rule, over the whole of Parley: every REST route of every service and every frame type a client may
 * send has a rate limit, and past it is refused 429 with {@code Retry-After} (REST) or {@code RATE_LIMITED}
 * with {@code retryAfterMs} (socket). The routes are read from Spring's handler mappings and the frame
 * types from what the push node binds, so a route or frame added without a limit fails here.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.commands.client-enabled=true",
        // One send a second: the limit is reached before it refills, however slow a busy machine answers.
        "parley.push.sends-per-second=1",
        // The socket's own allowance stays out of the way of the per-user limits under test.
        "parley.push.frames-per-second=100000"})
@UsesRealServers
@DirtiesContext
class RateLimitRuleIT {

    /** The route limits known today; a limit added later is exercised at its own default. */
    private static final List<String> KNOWN_ROUTE_LIMITS = List.of("registrations", "sign-ins", "profile-reads",
            "profile-changes", "user-searches", "conversation-reads", "message-reads", "admin-reads",
            "admin-event-exports", "admin-replays", "block-reads", "block-changes", "session-refreshes", "sign-outs",
            "socket-tickets", "media-uploads", "media-reads");

    /**
     * Small bursts that do not refill within the test, so that each limit is reached at once whatever a busy
     * machine's answers take: for the route limits above, and for every frame type the node binds.
     */
    @DynamicPropertySource
    static void smallLimits(DynamicPropertyRegistry properties) {
        for (String name : KNOWN_ROUTE_LIMITS) {
            properties.add("parley.rate-limits.routes." + name + ".burst", () -> "3");
            properties.add("parley.rate-limits.routes." + name + ".refill-one-every", () -> "1h");
        }
        for (String type : FrameRateLimits.types().keySet()) {
            properties.add("parley.rate-limits.frames." + type + ".burst", () -> "3");
            properties.add("parley.rate-limits.frames." + type + ".refill-one-every", () -> "1h");
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    List<RequestMappingHandlerMapping> mappings;
    @Autowired
    RateLimitProperties limits;
    @Autowired
    PushProperties push;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    StringRedisTemplate redis;

    /**
     * Empties the buckets this test ran dry: those of the per-address routes belong to 127.0.0.1, which every
     * later test on this machine registers and signs in from, and Redis keeps a bucket's own settings (an
     * hour's refill here) whatever the next context configures.
     */
    @AfterEach
    void forgetTheBucketsRunDry() {
        try (var keys = redis.scan(ScanOptions.scanOptions().match("parley:rate:*").count(1000).build())) {
            keys.forEachRemaining(redis::delete);
        }
    }

    private record Route(String method, String pattern, LimitedRoute limit, boolean takesMultipart) {
    }

    /** Parley's own routes (Spring's error route aside), each with its method, path pattern and limit. */
    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : mappings) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                if (!entry.getValue().getBeanType().getName().startsWith("dev.parley.")) {
                    continue;
                }
                LimitedRoute limit = entry.getValue().getMethodAnnotation(LimitedRoute.class);
                boolean takesMultipart = entry.getKey().getConsumesCondition().getConsumableMediaTypes()
                        .contains(MediaType.MULTIPART_FORM_DATA);
                for (String pattern : entry.getKey().getPatternValues()) {
                    for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                        routes.add(new Route(method.name(), pattern, limit, takesMultipart));
                    }
                }
            }
        }
        return routes;
    }

    @Test
    void everyRouteNamesALimitThatIsConfigured() {
        List<Route> routes = routes();

        assertThat(routes).extracting(route -> route.method() + " " + route.pattern())
                .contains("POST /api/users", "POST /api/sessions", "PATCH /api/users/me", "GET /api/conversations");
        assertThat(routes).allSatisfy(route -> {
            assertThat(route.limit()).as(route.method() + " " + route.pattern() + " carries @LimitedRoute").isNotNull();
            assertThat(limits.route(route.limit().value())).as(route.method() + " " + route.pattern() + "'s limit is configured")
                    .isNotNull();
        });
    }

    @Test
    void pastItsLimitEveryRouteAnswers429WithRetryAfter() throws Exception {
        for (Route route : routes()) {
            // A user of its own per route (routes may share a limit), an admin so that the admin routes answer;
            // a session of its own per request, since a sign-out ends the session of the token it came with.
            UserId user = UserId.random();
            String path = route.pattern().replaceAll("\\{[^}]+}", "x" + UUID.randomUUID().toString().substring(0, 8));
            int burst = limits.route(route.limit().value()).burst();
            // All at once, so that a limit refilling faster than a slow route answers is still reached.
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 2 * burst + 5; i++) {
                answers.add(call(route, path, TestTokens.sign(tokens, user, "user", "admin")));
            }
            HttpResponse<String> refused = null;
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                if (answer.get().statusCode() == 429) {
                    refused = answer.get();
                }
            }
            String name = route.method() + " " + route.pattern();
            assertThat(refused).as(name + " refused past its limit").isNotNull();
            assertThat(refused.headers().firstValue("Retry-After")).as(name).isPresent();
            assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).as(name).isPositive();
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).as(name).startsWith("application/problem+json");
            assertThat(json.readTree(refused.body()).path("code").asText()).as(name).isEqualTo("RATE_LIMITED");
        }
    }

    @Test
    void pastItsLimitEveryFrameTypeIsRefusedRateLimitedWithItsWait() {
        for (String type : FrameRateLimits.types().keySet()) {
            int burst = type.equals("send") ? push.sendsPerSecond() : limits.frame(type).burst();
            try (ChatSocket socket = ChatSocket.connect(port, TestTokens.sign(tokens, UserId.random()))) {
                // Frames without their fields: the limit is taken before a frame is checked, so each counts,
                // and none reaches the command side.
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 2 * burst + 10; i++) {
                    ids.add(socket.send(type));
                }
                List<JsonNode> refused = new ArrayList<>();
                for (String id : ids) {
                    JsonNode reply = socket.reply(id);
                    if (reply.path("code").asText().equals("RATE_LIMITED")) {
                        refused.add(reply);
                    }
                }
                assertThat(refused).as(type + " refused past its limit").isNotEmpty()
                        .allSatisfy(reply -> assertThat(reply.path("retryAfterMs").asLong()).as(type).isPositive());
                assertThat(ids.size() - refused.size()).as(type + " allowed its burst").isGreaterThanOrEqualTo(burst);
            }
        }
    }

    /**
     * One request without a real body: {@code {}} as JSON, or an empty multipart form for an upload route
     * (a route consuming only multipart is not matched by a JSON request, so its limit would not be reached).
     */
    private CompletableFuture<HttpResponse<String>> call(Route route, String path, String token) {
        String method = route.method();
        boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        String body = route.takesMultipart() ? "--b--\r\n" : "{}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, withBody ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token);
        if (withBody) {
            request.header("Content-Type", route.takesMultipart() ? "multipart/form-data; boundary=b" : "application/json");
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
