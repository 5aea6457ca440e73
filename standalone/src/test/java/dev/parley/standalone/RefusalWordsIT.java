package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.kernel.UserId;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.UsesRealServers;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * What a refusal says and what text may hold: refusals are in Parley's words with the protocol's code,
 * never the parser's or the framework's (which quote class names, internals and the input); names,
 * titles and message text refuse control, bidi and invisible characters.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalWordsIT {

    private Requests requests;
    private UserId ada;
    private String adaToken;
    private ChatSocket adaSocket;
    private String direct;
    private String group;

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;

    @BeforeAll
    void users() throws Exception {
        requests = new Requests(port, tokens);
        ada = requests.register("ada");
        UserId bob = requests.register("bob");
        adaToken = requests.token(ada);
        adaSocket = ChatSocket.connect(port, adaToken);
        direct = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
        group = adaSocket.ack("createGroup", "title", "words", "memberIds", List.of(bob.value())).path("conversationId").asText();
    }

    @AfterAll
    void close() {
        if (adaSocket != null) {
            adaSocket.close();
        }
    }

    @Test
    void springsOwnRefusalsAreProblemsInOurWordsWithTheProtocolsCode() throws Exception {
        assertProblem(requests.send("POST", "/api/users", null, "{\"username\": \"ada\", oops"), 400, "BAD_REQUEST",
                "the request body is not the JSON object this route takes");
        assertProblem(requests.send("POST", "/api/users", null, "{\"username\": {\"nested\": 1}}"), 400, "BAD_REQUEST",
                "username has the wrong type");
        assertProblem(requests.get("/api/conversations/" + direct + "/messages?afterSeq=java.lang.Object", adaToken), 400,
                "BAD_REQUEST", "afterSeq must be an integer within its range");
        assertProblem(requests.send("PATCH", "/api/users/me", adaToken, "{\"avatarMediaId\": \"no spaces allowed\"}"), 400,
                "BAD_REQUEST", "MediaId must be 1 to 64 of A-Z, a-z, 0-9, '_', '.', ':' or '-'");
    }

    @Test
    void namesAndTitlesRefuseControlBidiAndInvisibleCharacters() throws Exception {
        Requests.Answer registered = requests.send("POST", "/api/users", null,
                "{\"username\":\"ada_" + System.nanoTime() % 100_000_000 + "\",\"password\":\"a long password\","
                        + "\"displayName\":\"Ada\\u202Eevil\"}");
        assertProblem(registered, 400, "BAD_REQUEST", "displayName may not hold control, bidi or invisible characters (found U+202E)");
        assertProblem(requests.send("PATCH", "/api/users/me", adaToken, "{\"displayName\":\"Ad\\u200Ba\"}"), 400, "BAD_REQUEST",
                "displayName may not hold control, bidi or invisible characters (found U+200B)");

        assertRefused(adaSocket.call("createGroup", "title", "team\u2066", "memberIds", List.of()), "title");
        assertRefused(adaSocket.call("renameGroup", "conversationId", group, "title", "\u0007bell"), "title");
        assertRefused(adaSocket.call("renameGroup", "conversationId", group, "title", "\u200D"), "title");
    }

    @Test
    void messageTextKeepsLineBreaksTabsAndEmojiButRefusesControlAndBidiCharacters() {
        assertRefused(adaSocket.call("send", "conversationId", direct, "clientMsgId", "w-1", "text", "hi\u0000"), "text");
        assertRefused(adaSocket.call("send", "conversationId", direct, "clientMsgId", "w-2", "text", "pay \u202Etxt.exe"), "text");
        assertRefused(adaSocket.call("send", "conversationId", direct, "clientMsgId", "w-3", "text", "in\u200Bvisible"), "text");

        String family = "two lines\n\tand a family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        JsonNode sent = adaSocket.ack("send", "conversationId", direct, "clientMsgId", "w-4", "text", family);
        assertThat(sent.path("seq").asLong()).isPositive();
    }

    private static void assertProblem(Requests.Answer answer, int status, String code, String detail) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).as(answer.text()).isEqualTo(code);
        assertThat(answer.body().path("detail").asText()).isEqualTo(detail);
    }

    private static void assertRefused(JsonNode reply, String field) {
        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("error");
        assertThat(reply.path("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(reply.path("message").asText()).startsWith(field + " may not hold control, bidi or invisible characters");
    }
}
