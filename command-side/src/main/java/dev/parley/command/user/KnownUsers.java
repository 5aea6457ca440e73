package dev.parley.command.user;

import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.UnknownUser;
import java.util.Collection;

/** Whether users have registered: a conversation may only name users who exist. */
public interface KnownUsers {

    /** Throws {@link UnknownUser} naming the first of {@code users} that has never registered. */
    void requireRegistered(Collection<UserId> users);
}
