package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Creates a group; its creator becomes its admin and a member, whether listed or not. The id is the
 * client's choice or a random one ({@link ConversationId#newGroup()}); either way a repeat of the same
 * request by the same creator answers the same group and creates nothing more.
 */
public record CreateGroup(ConversationId conversationId, UserId creator, String title, Set<UserId> memberIds)
        implements ConversationCommand, Invitation {

    public CreateGroup {
        InvalidInput.require("conversationId", conversationId);
        InvalidInput.require("creator", creator);
        title = ConversationRules.title(title);
        memberIds = UserSets.bounded("memberIds", memberIds == null ? Set.of() : memberIds);
        if (!conversationId.isGroup()) {
            throw new InvalidInput("a group's conversationId is 'g:' followed by up to 62 of A-Z, a-z, 0-9, '_', '.', ':'"
                    + " or '-' (a random UUID is best); 'd:' names direct conversations");
        }
    }

    @Override
    public UserId inviter() {
        return creator;
    }

    @Override
    public Set<UserId> invitees() {
        Set<UserId> others = new LinkedHashSet<>(memberIds);
        others.remove(creator);
        return others;
    }

    /** The creator first, then the others in the order given. */
    public Set<UserId> everyone() {
        Set<UserId> all = new LinkedHashSet<>();
        all.add(creator);
        all.addAll(memberIds);
        return all;
    }
}
