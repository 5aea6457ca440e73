package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/** The user has read every message up to {@code seq}, which implies delivered; never lowered. */
public record MarkRead(ConversationId conversationId, UserId userId, long seq) implements ConversationCommand {

    public MarkRead {
        InvalidInput.require("conversationId", conversationId);
        InvalidInput.require("userId", userId);
        if (seq < 1) {
            throw new InvalidInput("seq must be 1 or more");
        }
    }
}
