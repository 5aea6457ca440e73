package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;
import java.util.LinkedHashSet;
import java.util.Set;

/** Creates a group; its creator becomes its admin and a member, whether listed or not. */
public record CreateGroup(ConversationId conversationId, UserId creator, String title, Set<UserId> memberIds)
        implements ConversationCommand {

    public CreateGroup {
        InvalidInput.require("conversationId", conversationId);
        InvalidInput.require("creator", creator);
        title = InvalidInput.requireLength("title", title, 1, ConversationRules.MAX_TITLE_CHARS);
        memberIds = UserSets.bounded("memberIds", memberIds == null ? Set.of() : memberIds);
        if (conversationId.isDirect()) {
            throw new InvalidInput("a group's id cannot be a direct conversation's");
        }
    }

    /** The creator first, then the others in the order given. */
    public Set<UserId> everyone() {
        Set<UserId> all = new LinkedHashSet<>();
        all.add(creator);
        all.addAll(memberIds);
        return all;
    }
}
