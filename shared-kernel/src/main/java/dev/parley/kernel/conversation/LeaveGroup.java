package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/** A member leaves a group. */
public record LeaveGroup(ConversationId conversationId, UserId userId) implements ConversationCommand {

    public LeaveGroup {
        InvalidInput.require("conversationId", conversationId);
        InvalidInput.require("userId", userId);
    }
}
