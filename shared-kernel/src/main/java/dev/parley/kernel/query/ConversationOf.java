package dev.parley.kernel.query;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;

/** An admin's look at one conversation; {@code NOT_FOUND} if the read model has no such conversation. */
public record ConversationOf(ConversationId conversationId) {

    public ConversationOf {
        InvalidInput.require("conversationId", conversationId);
    }
}
