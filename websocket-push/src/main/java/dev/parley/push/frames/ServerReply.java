package dev.parley.push.frames;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.query.ChatMessage;
import dev.parley.kernel.query.ConversationSummary;
import java.util.List;

/** The reply to a client frame: an {@code ack} with the frame's result, or an {@code error} with its code. */
public sealed interface ServerReply {

    /** {@code {"type":"ack","id":..., ...result}}: the result's fields sit beside the id; a null result adds none. */
    @JsonPropertyOrder({"type", "id"})
    record Ack(@JsonInclude(JsonInclude.Include.ALWAYS) String id, @JsonUnwrapped Object result) implements ServerReply {
        @JsonProperty("type")
        public String type() {
            return "ack";
        }
    }

    @JsonPropertyOrder({"type", "id", "code", "message"})
    record Error(@JsonInclude(JsonInclude.Include.ALWAYS) String id, ErrorCode code, String message) implements ServerReply {
        @JsonProperty("type")
        public String type() {
            return "error";
        }
    }

    /** The result of {@code openDirect} and {@code createGroup}. */
    record Conversation(ConversationId conversationId) {
    }

    /** The result of {@code conversations}. */
    record Conversations(List<ConversationSummary> conversations) {
    }

    /** The result of {@code history}. */
    record History(List<ChatMessage> messages) {
    }
}
