package dev.parley.kernel.conversation;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** Direct conversations have two fixed members: no adding, removing, leaving or renaming. */
public final class NotAGroup extends ChatException {

    public NotAGroup(String message) {
        super(ErrorCode.BAD_REQUEST, message);
    }
}
