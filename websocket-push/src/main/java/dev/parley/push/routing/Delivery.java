package dev.parley.push.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;

/**
 * One push frame, already JSON, for some users. {@code messageSeq} is the seq of a {@code message} push (0
 * for other pushes): a socket that already has that message, or a later one of its conversation, skips it.
 */
public record Delivery(Collection<String> users, String frame, String conversationId, long messageSeq) {

    /** A delivery of {@code push} (one of the protocol's push records), written as JSON once for every node. */
    public static Delivery of(Collection<String> users, Object push, String conversationId, long messageSeq,
                              ObjectMapper json) {
        try {
            return new Delivery(users, json.writeValueAsString(push), conversationId, messageSeq);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a push that cannot be written as JSON", e);
        }
    }
}
