package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/** A member gives the group a new title. */
public record RenameGroup(ConversationId conversationId, UserId by, String title) implements ConversationCommand {

    public RenameGroup {
        InvalidInput.require("conversationId", conversationId);
        InvalidInput.require("by", by);
        title = ConversationRules.title(title);
    }
}
