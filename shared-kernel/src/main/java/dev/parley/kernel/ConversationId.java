package dev.parley.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/**
 * A conversation. A direct conversation's id is derived from its two members (sorted), so opening it
 * twice, from either side, names the same conversation; a group's is {@code g:} and anything else, random
 * unless its creator chose it (so that a retried creation names the same group).
 */
public record ConversationId(@JsonValue String value) {

    private static final String DIRECT = "d:";
    private static final String GROUP = "g:";

    @JsonCreator
    public ConversationId {
        Ids.check("conversationId", value);
    }

    public static ConversationId direct(UserId a, UserId b) {
        boolean aFirst = a.value().compareTo(b.value()) <= 0;
        String id = DIRECT + (aFirst ? a : b) + ":" + (aFirst ? b : a);
        if (id.length() > 64) {
            // Two long user ids would not fit: a name-based UUID of the pair is as stable and shorter.
            id = DIRECT + UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new ConversationId(id);
    }

    public static ConversationId newGroup() {
        return new ConversationId(GROUP + UUID.randomUUID());
    }

    public boolean isDirect() {
        return value.startsWith(DIRECT);
    }

    /** A group's id: {@code g:} and at least one character more. */
    public boolean isGroup() {
        return value.startsWith(GROUP) && value.length() > GROUP.length();
    }

    @Override
    public String toString() {
        return value;
    }
}
