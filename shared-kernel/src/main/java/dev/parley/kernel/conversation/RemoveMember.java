package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/** An admin removes another member from a group (leaving is {@link LeaveGroup}). */
public record RemoveMember(ConversationId conversationId, UserId by, UserId userId) implements ConversationCommand {

    public RemoveMember {
        InvalidInput.require("conversationId", conversationId);
        InvalidInput.require("by", by);
        InvalidInput.require("userId", userId);
    }
}
