package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/** Every message up to {@code seq} reached one of the user's devices: a watermark, never lowered. */
public record MarkDelivered(ConversationId conversationId, UserId userId, long seq) implements ConversationCommand {

    public MarkDelivered {
        InvalidInput.require("conversationId", conversationId);
        InvalidInput.require("userId", userId);
        if (seq < 1) {
            throw new InvalidInput("seq must be 1 or more");
        }
    }
}
