package dev.parley.kernel.conversation;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** A user named in the command has never registered. */
public final class UnknownUser extends ChatException {

    public UnknownUser(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }
}
