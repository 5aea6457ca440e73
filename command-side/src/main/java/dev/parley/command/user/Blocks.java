package dev.parley.command.user;

import dev.parley.kernel.UserId;
import java.util.Collection;
import java.util.Set;

/** Who has blocked whom, as a conversation's decision needs it: read in the deciding transaction. */
public interface Blocks {

    /** True if either user has blocked the other. */
    boolean eitherBlocks(UserId one, UserId other);

    /** Those of {@code users} who have blocked {@code adder}: they are never added to a group by them. */
    Set<UserId> whoBlocked(UserId adder, Collection<UserId> users);
}
