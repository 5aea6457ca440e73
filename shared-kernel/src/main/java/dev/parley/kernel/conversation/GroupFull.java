package dev.parley.kernel.conversation;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** The group would grow past its member limit. */
public final class GroupFull extends ChatException {

    public GroupFull(String message) {
        super(ErrorCode.CONFLICT, message);
    }
}
