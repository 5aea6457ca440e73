package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * A push node bounds the commands it has waiting for the command side. No command side runs in this
 * module's tests, so every command sent waits for its reply until the reply timeout: the bound is
 * reached with two.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.push.max-commands-in-flight=2",
        "parley.commands.reply-timeout=5s"})
@UsesRealServers
class CommandsInFlightIT {

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;

    @Test
    void pastTheBoundACommandIsAnsweredUnavailableAtOnceAndTheSlotsFreeUpWhenRepliesEnd() {
        try (ChatSocket socket = ChatSocket.connect(port, TestTokens.sign(tokens, new UserId(UUID.randomUUID().toString())))) {
            String first = socket.send("markRead", "conversationId", ConversationId.newGroup().value(), "seq", 1);
            String second = socket.send("markRead", "conversationId", ConversationId.newGroup().value(), "seq", 1);

            JsonNode third = socket.call("markRead", "conversationId", ConversationId.newGroup().value(), "seq", 1);

            // Refused by the bound, not by the reply timeout: that one says the command side did not answer.
            assertThat(third.path("code").asText()).isEqualTo("UNAVAILABLE");
            assertThat(third.path("message").asText()).contains("2 commands waiting for the command side");

            // The two waiting ones end with the timeout, and their slots are free again.
            for (String waiting : new String[] {first, second}) {
                JsonNode reply = socket.reply(waiting);
                assertThat(reply.path("code").asText()).isEqualTo("UNAVAILABLE");
                assertThat(reply.path("message").asText()).contains("did not answer");
            }
            JsonNode fourth = socket.call("markRead", "conversationId", ConversationId.newGroup().value(), "seq", 1);
            assertThat(fourth.path("code").asText()).isEqualTo("UNAVAILABLE");
            assertThat(fourth.path("message").asText()).as("sent, and timed out").contains("did not answer");
        }
    }
}
