package dev.parley.transport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** The value of a reply record: the handler's result, or the protocol error code it was refused with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandReply(boolean ok, JsonNode result, String code, String message) {

    public static CommandReply success(JsonNode result) {
        return new CommandReply(true, result, null, null);
    }

    public static CommandReply refusal(String code, String message) {
        return new CommandReply(false, null, code, message);
    }
}
