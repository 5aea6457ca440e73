package dev.parley.kernel.conversation;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** Only a group's admins may do this. */
public final class NotAnAdmin extends ChatException {

    public NotAnAdmin(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }
}
