package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;
import java.util.Set;

/** An admin adds users to a group; those already in it are left as they are. */
public record AddMembers(ConversationId conversationId, UserId by, Set<UserId> userIds) implements ConversationCommand, Invitation {

    public AddMembers {
        InvalidInput.require("conversationId", conversationId);
        InvalidInput.require("by", by);
        userIds = UserSets.bounded("userIds", InvalidInput.require("userIds", userIds));
        if (userIds.isEmpty()) {
            throw new InvalidInput("userIds must name at least one user");
        }
    }

    @Override
    public UserId inviter() {
        return by;
    }

    @Override
    public Set<UserId> invitees() {
        Set<UserId> others = new java.util.LinkedHashSet<>(userIds);
        others.remove(by);
        return others;
    }
}
