package dev.parley.push.frames;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.conversation.MessageAccepted;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerReplyTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void anAckCarriesTheResultsFieldsBesideItsId() throws Exception {
        MessageAccepted accepted = new MessageAccepted(new ConversationId("d:1"), new MessageId("m-1"), 3,
                Instant.parse("2026-11-29T12:00:00Z"));

        assertThat(json.writeValueAsString(new ServerReply.Ack("r1", accepted))).isEqualTo(
                "{\"type\":\"ack\",\"id\":\"r1\",\"conversationId\":\"d:1\",\"messageId\":\"m-1\",\"seq\":3,"
                        + "\"sentAt\":\"2026-11-29T12:00:00Z\"}");
        assertThat(json.writeValueAsString(new ServerReply.Ack("r2", new ServerReply.Conversation(new ConversationId("g:9")))))
                .isEqualTo("{\"type\":\"ack\",\"id\":\"r2\",\"conversationId\":\"g:9\"}");
    }

    @Test
    void anAckWithNothingToSayAndAnErrorWithoutIdStillNameTheId() throws Exception {
        assertThat(json.writeValueAsString(new ServerReply.Ack(null, null))).isEqualTo("{\"type\":\"ack\",\"id\":null}");
        assertThat(json.writeValueAsString(new ServerReply.Error(null, ErrorCode.BAD_REQUEST, "a frame is one JSON object")))
                .isEqualTo("{\"type\":\"error\",\"id\":null,\"code\":\"BAD_REQUEST\",\"message\":\"a frame is one JSON object\"}");
    }
}
