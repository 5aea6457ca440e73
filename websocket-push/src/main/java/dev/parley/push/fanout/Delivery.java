package dev.parley.push.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;

/**
 * One push frame for some users. {@code messageSeq} is the seq of a {@code message} push (0 for other
 * pushes): a socket that already has that message, or a later one of its conversation, skips it.
 */
public record Delivery(Collection<String> users, JsonNode frame, String conversationId, long messageSeq) {
}
