package dev.parley.kernel.conversation;

import dev.parley.kernel.UserId;
import java.util.Set;

/**
 * A command that puts other users into a group ({@link CreateGroup}, {@link AddMembers}): the hook for a
 * per-user limit on how many users one may add a day, which counts {@link #invitees()} per request.
 * Who blocked the inviter, or left the group, is skipped by the group itself, whatever the count.
 */
public interface Invitation {

    /** Who adds. */
    UserId inviter();

    /** The users this request asks to add, the inviter not among them. */
    Set<UserId> invitees();
}
