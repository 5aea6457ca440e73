package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.kernel.UserId;
import dev.parley.push.frames.ClientFrame;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.UsesRealServers;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The rule: every numeric parameter of every route and frame is range-checked. Each one in the table is
 * sent 0, -1, the largest long, a number beyond a long, a number with an exponent and a word; each
 * answer is the page (where the value is legal) or a {@code 400} problem / {@code BAD_REQUEST} error in
 * the protocol's words, never a {@code 500}, and never no answer (every request has a timeout). The
 * table must name every numeric parameter the routes and frame records declare: a new one without an
 * entry fails {@link #theTableNamesEveryNumericParameterOfEveryRouteAndFrame}.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NumericParametersIT {

    private static final List<String> VALUES = List.of("0", "-1", "9223372036854775807", "99999999999999999999999",
            "1e30", "abc");
    private static final long MAX = Long.MAX_VALUE;

    /** One numeric parameter and the values it takes, {@code min..max}. */
    private record Param(String where, String name, long min, long max, String path, Map<String, Object> frame) {

        static Param rest(String method, String pathTemplate, String name, long min, long max, String path) {
            return new Param(method + " " + pathTemplate, name, min, max, path, null);
        }

        static Param frame(String type, String name, long min, long max, Map<String, Object> fields) {
            return new Param(type, name, min, max, null, fields);
        }

        boolean legal(String value) {
            try {
                long number = Long.parseLong(value);
                return number >= min && number <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private Requests requests;
    private UserId ada;
    private String conversation;
    private ChatSocket adaSocket;
    private String adminToken;

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping routes;

    @BeforeAll
    void aConversationWithAMessage() throws Exception {
        requests = new Requests(port, tokens);
        ada = requests.register("ada");
        UserId bob = requests.register("bob");
        adminToken = requests.token(UserId.random(), "user", "admin");
        adaSocket = ChatSocket.connect(port, requests.token(ada));
        conversation = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
        adaSocket.ack("send", "conversationId", conversation, "clientMsgId", "c-1", "text", "hello");
        // The admin routes read the Cassandra read model as it is: wait until it holds the conversation.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(requests.get("/admin/conversations/" + conversation, adminToken).status()).isEqualTo(200));
    }

    @AfterAll
    void close() {
        if (adaSocket != null) {
            adaSocket.close();
        }
    }

    private List<Param> table() {
        String messages = "/api/conversations/" + conversation + "/messages";
        String adminMessages = "/admin/conversations/" + conversation + "/messages";
        Map<String, Object> history = Map.of("conversationId", conversation);
        return List.of(
                Param.rest("GET", "/api/conversations/{id}/messages", "afterSeq", 0, MAX, messages),
                Param.rest("GET", "/api/conversations/{id}/messages", "beforeSeq", 1, MAX, messages),
                Param.rest("GET", "/api/conversations/{id}/messages", "limit", 1, 100, messages),
                Param.rest("GET", "/api/users", "limit", 1, 50, "/api/users?query=ada"),
                Param.rest("GET", "/admin/users", "limit", 1, 100, "/admin/users"),
                Param.rest("GET", "/admin/users", "limit", 1, 50, "/admin/users?query=ada"),
                Param.rest("GET", "/admin/conversations", "limit", 1, 100, "/admin/conversations"),
                Param.rest("GET", "/admin/conversations/{id}/messages", "afterSeq", 0, MAX, adminMessages),
                Param.rest("GET", "/admin/conversations/{id}/messages", "limit", 1, 100, adminMessages),
                // from and to are ISO-8601 instants, not numbers: EventExportIT checks them.
                Param.rest("GET", "/admin/events", "afterIndex", 0, MAX, "/admin/events?aggregateId=" + conversation),
                Param.rest("GET", "/admin/events", "limit", 1, 10_000, "/admin/events?aggregateId=" + conversation),
                Param.frame("history", "afterSeq", 0, MAX, history),
                Param.frame("history", "beforeSeq", 1, MAX, history),
                Param.frame("history", "limit", 1, 100, history),
                // A watermark above the conversation's last seq (1 here) is refused.
                Param.frame("markDelivered", "seq", 1, 1, history),
                Param.frame("markRead", "seq", 1, 1, history));
    }

    @Test
    void everyNumericParameterAnswersItsRangeOrABadRequestAndNeverFailsOrHangs() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Param param : table()) {
            for (String value : VALUES) {
                String outcome = param.path() != null ? restOutcome(param, value) : frameOutcome(param, value);
                if (outcome != null) {
                    wrong.add(param.where() + " " + param.name() + "=" + value + ": " + outcome);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** What is wrong with the answer to a route given {@code value}, or null. */
    private String restOutcome(Param param, String value) throws Exception {
        String path = param.path() + (param.path().contains("?") ? "&" : "?") + param.name() + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8);
        Requests.Answer answer = requests.get(path, param.where().contains("/admin/") ? adminToken : requests.token(ada));
        if (param.legal(value)) {
            return answer.status() == 200 ? null : "legal, answered " + answer.status() + " " + answer.text();
        }
        if (answer.status() != 400 || !answer.contentType().startsWith("application/problem+json")
                || !answer.code().equals("BAD_REQUEST")) {
            return "expected a 400 BAD_REQUEST problem, answered " + answer.status() + " " + answer.text();
        }
        return quotesInternals(answer.body().path("detail").asText());
    }

    /** What is wrong with the reply to a frame whose field holds {@code value} (written as a JSON token), or null. */
    private String frameOutcome(Param param, String value) {
        ObjectNode frame = json.createObjectNode().put("type", param.where()).put("id", "n-" + param.name() + "-" + value);
        param.frame().forEach((name, field) -> frame.set(name, json.valueToTree(field)));
        String token = value.equals("abc") ? "\"abc\"" : value;
        String text = frame.toString();
        adaSocket.sendRaw(text.substring(0, text.length() - 1) + ",\"" + param.name() + "\":" + token + "}");
        JsonNode reply = adaSocket.reply(frame.path("id").asText()); // fails if none comes within its wait
        if (param.legal(value)) {
            return reply.path("type").asText().equals("ack") ? null : "legal, answered " + reply;
        }
        if (!reply.path("type").asText().equals("error") || !reply.path("code").asText().equals("BAD_REQUEST")) {
            return "expected a BAD_REQUEST error, answered " + reply;
        }
        return quotesInternals(reply.path("message").asText());
    }

    private static String quotesInternals(String words) {
        boolean quotes = Stream.of("java.", "Exception", "Failed to convert", "Jackson", "`", "Cannot deserialize")
                .anyMatch(words::contains);
        return quotes ? "the refusal quotes internals: " + words : null;
    }

    @Test
    void theTableNamesEveryNumericParameterOfEveryRouteAndFrame() {
        Set<String> declared = new TreeSet<>();
        for (Requests.RouteParameter parameter : Requests.parametersOfParleyRoutes(routes)) {
            String name = numericParameterName(parameter.parameter());
            if (name != null) {
                declared.add(parameter.route() + " " + name);
            }
        }
        for (Class<?> frame : ClientFrame.class.getPermittedSubclasses()) {
            for (RecordComponent component : frame.getRecordComponents()) {
                if (isNumeric(component.getType())) {
                    declared.add(Requests.frameType(frame) + " " + component.getName());
                }
            }
        }
        Set<String> tabled = new TreeSet<>();
        table().forEach(param -> tabled.add(param.where() + " " + param.name()));
        assertThat(tabled).containsExactlyInAnyOrderElementsOf(declared);
    }

    private static String numericParameterName(MethodParameter parameter) {
        if (!isNumeric(parameter.getParameterType())) {
            return null;
        }
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        if (query != null) {
            return query.name().isEmpty() ? query.value() : query.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        return path == null ? null : (path.name().isEmpty() ? path.value() : path.name());
    }

    private static boolean isNumeric(Class<?> type) {
        return List.of(long.class, Long.class, int.class, Integer.class, short.class, Short.class, double.class,
                Double.class, float.class, Float.class, java.math.BigInteger.class, java.math.BigDecimal.class).contains(type);
    }

    /** The {@code type} a frame record is bound from. */
}
