package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.kernel.UserId;
import dev.parley.push.frames.ClientFrame;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.UsesRealServers;
import java.io.ByteArrayInputStream;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The rule: every body and every string of every route and frame has a limit (docs/protocol.md,
 * "Limits"), and a value one past it is refused with {@code 400} / {@code BAD_REQUEST} or {@code 413} /
 * {@code TOO_LARGE} before any work. The table must name every string field the routes (query, path and
 * body) and the frame records declare: a new one without an entry fails
 * {@link #theTableNamesEveryStringOfEveryRouteAndFrame}.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StringLimitsIT {

    /** Every JSON route's body limit (parley.web.max-body-bytes). */
    private static final int MAX_BODY_BYTES = 65_536;

    private final ObjectMapper json = new ObjectMapper();
    private Requests requests;
    private UserId ada;
    private UserId bob;
    private String adaToken;
    private String adminToken;
    private ChatSocket adaSocket;
    private String direct;
    private String group;

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping routes;

    /** One string field of a route, sent one past its limit; {@code where} as the route table names it. */
    private record RestField(String where, String name, Answering send) {
    }

    @FunctionalInterface
    private interface Answering {
        Requests.Answer send() throws Exception;
    }

    /** One string field of a frame, sent one past its limit over the other fields of a valid frame. */
    private record FrameField(String type, String name, Object over, Map<String, Object> valid) {
    }

    @BeforeAll
    void usersAndConversations() throws Exception {
        requests = new Requests(port, tokens);
        ada = requests.register("ada");
        bob = requests.register("bob");
        adaToken = requests.token(ada);
        adminToken = requests.token(UserId.random(), "user", "admin");
        adaSocket = ChatSocket.connect(port, adaToken);
        direct = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
        group = adaSocket.ack("createGroup", "title", "limits", "memberIds", List.of(bob.value())).path("conversationId").asText();
    }

    @AfterAll
    void close() {
        if (adaSocket != null) {
            adaSocket.close();
        }
    }

    private static String chars(int n) {
        return "a".repeat(n);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String body(Object... namesAndValues) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return json.writeValueAsString(fields);
    }

    private List<RestField> restTable() {
        String over64 = chars(65);
        return List.of(
                new RestField("POST /api/users", "username", () -> requests.send("POST", "/api/users", null,
                        body("username", chars(33), "password", "a long password", "displayName", "Ada"))),
                new RestField("POST /api/users", "password", () -> requests.send("POST", "/api/users", null,
                        body("username", "ada_limits", "password", chars(129), "displayName", "Ada"))),
                new RestField("POST /api/users", "displayName", () -> requests.send("POST", "/api/users", null,
                        body("username", "ada_limits", "password", "a long password", "displayName", chars(65)))),
                new RestField("POST /api/sessions", "username", () -> requests.send("POST", "/api/sessions", null,
                        body("username", chars(33), "password", "a long password"))),
                new RestField("POST /api/sessions", "password", () -> requests.send("POST", "/api/sessions", null,
                        body("username", "ada_limits", "password", chars(129)))),
                new RestField("POST /api/sessions/refresh", "refreshToken", () -> requests.send("POST", "/api/sessions/refresh", null,
                        body("refreshToken", over64))),
                new RestField("PUT /api/users/me/blocks/{userId}", "userId", () ->
                        requests.send("PUT", "/api/users/me/blocks/" + over64, adaToken, "")),
                new RestField("DELETE /api/users/me/blocks/{userId}", "userId", () ->
                        requests.send("DELETE", "/api/users/me/blocks/" + over64, adaToken, "")),
                new RestField("PATCH /api/users/me", "displayName", () -> requests.send("PATCH", "/api/users/me", adaToken,
                        body("displayName", chars(65)))),
                new RestField("PATCH /api/users/me", "avatarMediaId", () -> requests.send("PATCH", "/api/users/me", adaToken,
                        body("avatarMediaId", over64))),
                new RestField("GET /api/users", "query", () -> requests.get("/api/users?query=" + chars(33), adaToken)),
                new RestField("GET /api/users/{id}", "id", () -> requests.get("/api/users/" + over64, adaToken)),
                new RestField("GET /api/users/{id}/presence", "id", () -> requests.get("/api/users/" + over64 + "/presence", adaToken)),
                new RestField("GET /api/conversations/{id}/messages", "id", () ->
                        requests.get("/api/conversations/" + over64 + "/messages", adaToken)),
                new RestField("GET /admin/users", "query", () -> requests.get("/admin/users?query=" + chars(33), adminToken)),
                new RestField("GET /admin/users", "pageToken", () -> requests.get("/admin/users?pageToken=" + chars(2_049), adminToken)),
                new RestField("GET /admin/conversations", "member", () -> requests.get("/admin/conversations?member=" + over64, adminToken)),
                new RestField("GET /admin/conversations", "kind", () -> requests.get("/admin/conversations?kind=" + chars(6), adminToken)),
                new RestField("GET /admin/conversations", "pageToken", () ->
                        requests.get("/admin/conversations?pageToken=" + chars(2_049), adminToken)),
                new RestField("GET /admin/conversations/{id}", "id", () -> requests.get("/admin/conversations/" + over64, adminToken)),
                new RestField("GET /admin/conversations/{id}/messages", "id", () ->
                        requests.get("/admin/conversations/" + over64 + "/messages", adminToken)),
                new RestField("GET /admin/events", "aggregateId", () -> requests.get("/admin/events?aggregateId=" + chars(256), adminToken)),
                new RestField("GET /admin/events", "type", () -> requests.get("/admin/events?type=" + over64, adminToken)),
                new RestField("GET /admin/events", "from", () -> requests.get("/admin/events?from=" + query(over64), adminToken)),
                new RestField("GET /admin/events", "to", () -> requests.get("/admin/events?to=" + query(over64), adminToken)),
                new RestField("GET /api/media/{id}", "id", () -> requests.get("/api/media/" + over64, adaToken)),
                new RestField("GET /api/media/{id}/thumbnail", "id", () -> requests.get("/api/media/" + over64 + "/thumbnail", adaToken)),
                new RestField("POST /api/media/uploads", "contentType", () -> requests.send("POST", "/api/media/uploads", adaToken,
                        body("contentType", chars(128), "size", 9_000_000))),
                new RestField("POST /api/media/uploads/{uploadId}/complete", "uploadId", () ->
                        requests.send("POST", "/api/media/uploads/" + over64 + "/complete", adaToken, "")),
                new RestField("POST /admin/projections/{name}/replay", "name", () ->
                        requests.send("POST", "/admin/projections/" + over64 + "/replay", adminToken, "")));
    }

    private List<FrameField> frameTable() {
        String over64 = chars(65);
        List<String> tooManyUsers = Collections.nCopies(257, bob.value());
        Map<String, Object> inDirect = Map.of("conversationId", direct);
        Map<String, Object> inGroup = Map.of("conversationId", group);
        return List.of(
                new FrameField("send", "conversationId", over64, Map.of("clientMsgId", "c-1", "text", "hi")),
                new FrameField("send", "clientMsgId", over64, Map.of("conversationId", direct, "text", "hi")),
                new FrameField("send", "text", chars(4_097), Map.of("conversationId", direct, "clientMsgId", "c-2")),
                new FrameField("send", "mediaId", over64, Map.of("conversationId", direct, "clientMsgId", "c-3")),
                new FrameField("markDelivered", "conversationId", over64, Map.of("seq", 1)),
                new FrameField("markRead", "conversationId", over64, Map.of("seq", 1)),
                new FrameField("typing", "conversationId", over64, Map.of("active", true)),
                new FrameField("openDirect", "userId", over64, Map.of()),
                new FrameField("createGroup", "conversationId", "g:" + chars(63), Map.of("title", "t")),
                new FrameField("createGroup", "title", chars(101), Map.of()),
                new FrameField("createGroup", "memberIds", List.of(over64), Map.of("title", "t")),
                new FrameField("createGroup", "memberIds", tooManyUsers, Map.of("title", "t")),
                new FrameField("addMembers", "conversationId", over64, Map.of("userIds", List.of(bob.value()))),
                new FrameField("addMembers", "userIds", List.of(over64), inGroup),
                new FrameField("addMembers", "userIds", tooManyUsers, inGroup),
                new FrameField("removeMember", "conversationId", over64, Map.of("userId", bob.value())),
                new FrameField("removeMember", "userId", over64, inGroup),
                new FrameField("leaveGroup", "conversationId", over64, Map.of()),
                new FrameField("renameGroup", "conversationId", over64, Map.of("title", "t")),
                new FrameField("renameGroup", "title", chars(101), inGroup),
                new FrameField("history", "conversationId", over64, Map.of()),
                // The frame's own fields, for every type: its id, and a type no frame has.
                new FrameField("ping", "type", over64, Map.of()),
                new FrameField("conversations", "id", over64, Map.of()),
                new FrameField("typing", "id", over64, inDirect));
    }

    @Test
    void aStringOnePastItsLimitIsRefusedOnEveryRoute() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (RestField field : restTable()) {
            Requests.Answer answer = field.send().send();
            boolean refused = (answer.status() == 400 && answer.code().equals("BAD_REQUEST"))
                    || (answer.status() == 413 && answer.code().equals("TOO_LARGE"));
            if (!refused || !answer.contentType().startsWith("application/problem+json")) {
                wrong.add(field.where() + " " + field.name() + ": " + answer.status() + " " + abbreviate(answer.text()));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aStringOnePastItsLimitIsRefusedInEveryFrame() {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (FrameField field : frameTable()) {
            String id = field.name().equals("id") ? chars(65) : "s-" + n++;
            ObjectNode frame = json.createObjectNode().put("type", field.type()).put("id", id);
            field.valid().forEach((name, value) -> frame.set(name, json.valueToTree(value)));
            frame.set(field.name(), json.valueToTree(field.over()));
            adaSocket.sendRaw(frame.toString());
            // A refused id cannot be echoed: the error carries a null id.
            JsonNode reply = field.name().equals("id")
                    ? adaSocket.take(f -> f.path("type").asText().equals("error") && f.path("id").isNull(), Requests.NEVER)
                    : adaSocket.reply(id);
            String code = reply.path("code").asText();
            if (!reply.path("type").asText().equals("error") || !(code.equals("BAD_REQUEST") || code.equals("TOO_LARGE"))) {
                wrong.add(field.type() + " " + field.name() + ": " + abbreviate(reply.toString()));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aBodyPastTheLimitIsTooLargeWithOrWithoutALength() throws Exception {
        String padded = "{\"username\":\"ada\",\"password\":\"" + chars(MAX_BODY_BYTES) + "\"}";

        Requests.Answer declared = requests.send("POST", "/api/sessions", null, padded);
        Requests.Answer chunked = requests.send(HttpRequest.newBuilder(requests.uri("/api/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8)))));

        for (Requests.Answer answer : List.of(declared, chunked)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(413);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.code()).isEqualTo("TOO_LARGE");
        }
    }

    /** A sign-in with a name no account can have is refused as it is read: no hash, no lookup, no throttle key. */
    @Test
    void aSignInWithAnImpossiblyLongUsernameIsABadRequestAtOnce() throws Exception {
        Requests.Answer answer = requests.send("POST", "/api/sessions", null,
                body("username", chars(60_000), "password", "a long password"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("BAD_REQUEST");
        assertThat(answer.body().path("detail").asText()).isEqualTo("username may be at most 32 characters");
    }

    @Test
    void theTableNamesEveryStringOfEveryRouteAndFrame() {
        Set<String> declared = new TreeSet<>();
        for (Requests.RouteParameter parameter : Requests.parametersOfParleyRoutes(routes)) {
            stringFieldsOf(parameter.parameter()).forEach(name -> declared.add(parameter.route() + " " + name));
        }
        for (Class<?> frame : ClientFrame.class.getPermittedSubclasses()) {
            for (RecordComponent component : frame.getRecordComponents()) {
                if (!component.getName().equals("id") && isStringy(component.getType())) {
                    declared.add(Requests.frameType(frame) + " " + component.getName());
                }
            }
        }
        Set<String> tabled = new TreeSet<>();
        restTable().forEach(field -> tabled.add(field.where() + " " + field.name()));
        frameTable().stream().filter(field -> !field.name().equals("id") && !field.name().equals("type"))
                .forEach(field -> tabled.add(field.type() + " " + field.name()));
        assertThat(tabled).containsExactlyInAnyOrderElementsOf(declared);
    }

    /** The string-valued names a route parameter brings: a query or path string, or a body record's fields. */
    private static List<String> stringFieldsOf(MethodParameter parameter) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        if (query != null && parameter.getParameterType() == String.class) {
            return List.of(query.name().isEmpty() ? query.value() : query.name());
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && parameter.getParameterType() == String.class) {
            return List.of(path.name().isEmpty() ? path.value() : path.name());
        }
        if (parameter.hasParameterAnnotation(RequestBody.class) && parameter.getParameterType().isRecord()) {
            List<String> fields = new ArrayList<>();
            for (RecordComponent component : parameter.getParameterType().getRecordComponents()) {
                if (isStringy(component.getType())) {
                    fields.add(component.getName());
                }
            }
            return fields;
        }
        return List.of();
    }

    /** A string, a list of them, or a typed id (which the client writes as a string). */
    private static boolean isStringy(Class<?> type) {
        return type == String.class || List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type)
                || type.getPackageName().equals("dev.parley.kernel");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
