package dev.parley.push.frames;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.RateLimited;
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

    /**
     * {@code {"type":"error","id":...,"code":...,"message":...}}; a {@code RATE_LIMITED} one also carries
     * {@code retryAfterMs}, how long until the refused action is allowed again.
     */
    @JsonPropertyOrder({"type", "id", "code", "message", "retryAfterMs"})
    record Error(@JsonInclude(JsonInclude.Include.ALWAYS) String id, ErrorCode code, String message,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfterMs) implements ServerReply {

        public Error(String id, ErrorCode code, String message) {
            this(id, code, message, null);
        }

        /** The error a refusal is answered with, its wait included when it is a rate limit's. */
        static Error of(String id, ChatException refused) {
            Long retryAfterMs = refused instanceof RateLimited limited ? Math.max(1, limited.retryAfter().toMillis()) : null;
            return new Error(id, refused.code(), refused.getMessage(), retryAfterMs);
        }

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
