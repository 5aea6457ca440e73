package dev.parley.kernel.conversation;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Lists of users in commands: never null, no null entries, bounded, order kept. */
final class UserSets {

    private UserSets() {
    }

    static Set<UserId> bounded(String field, Set<UserId> users) {
        if (users.size() > ConversationRules.MAX_USERS_PER_COMMAND) {
            throw new InvalidInput(field + " may list at most " + ConversationRules.MAX_USERS_PER_COMMAND + " users");
        }
        if (users.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInput(field + " has an empty entry");
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(users));
    }
}
