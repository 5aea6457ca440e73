package dev.parley.readmodel.presence;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may see a user's presence, the one rule for the push and the presence route: the members of the
 * conversations the user has sent a message in and is still in, never the user, and no one blocked either
 * way. Opening a conversation with someone is not enough to watch them come and go.
 */
public final class PresenceAudience {

    private PresenceAudience() {
    }

    /** The audience, given the member sets of the conversations the user spoke in and the blocks either way. */
    public static Set<String> of(UserId user, Map<ConversationId, Set<String>> membersWhereTheySpoke,
                                 Set<String> blockedEitherWay) {
        Set<String> audience = new LinkedHashSet<>();
        membersWhereTheySpoke.values().stream().filter(members -> members.contains(user.value()))
                .forEach(audience::addAll);
        audience.remove(user.value());
        audience.removeAll(blockedEitherWay);
        return audience;
    }
}
