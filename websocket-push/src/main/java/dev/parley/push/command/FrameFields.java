package dev.parley.push.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.ConversationRules;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads a client frame's fields by the protocol's types; a missing or mistyped field is {@code BAD_REQUEST}. */
final class FrameFields {

    private final JsonNode frame;

    FrameFields(JsonNode frame) {
        this.frame = frame;
    }

    String text(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw new InvalidInput(field + " is required (a string)");
        }
        return value;
    }

    String optionalText(String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInput(field + " must be a string");
        }
        return value.textValue();
    }

    long number(String field) {
        Long value = optionalNumber(field);
        if (value == null) {
            throw new InvalidInput(field + " is required (an integer)");
        }
        return value;
    }

    Long optionalNumber(String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidInput(field + " must be an integer");
        }
        return value.longValue();
    }

    boolean flag(String field) {
        JsonNode value = frame.get(field);
        if (value == null || !value.isBoolean()) {
            throw new InvalidInput(field + " is required (true or false)");
        }
        return value.booleanValue();
    }

    ConversationId conversationId() {
        return new ConversationId(text("conversationId"));
    }

    UserId userId(String field) {
        return new UserId(text(field));
    }

    /** An array of user ids, at most {@link ConversationRules#MAX_USERS_PER_COMMAND}; absent reads as empty. */
    Set<UserId> userIds(String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return Set.of();
        }
        if (!value.isArray()) {
            throw new InvalidInput(field + " must be an array of user ids");
        }
        if (value.size() > ConversationRules.MAX_USERS_PER_COMMAND) {
            throw new InvalidInput(field + " may name at most " + ConversationRules.MAX_USERS_PER_COMMAND + " users");
        }
        Set<UserId> users = new LinkedHashSet<>();
        for (JsonNode user : value) {
            if (!user.isTextual()) {
                throw new InvalidInput(field + " must hold strings");
            }
            users.add(new UserId(user.textValue()));
        }
        return users;
    }
}
