package dev.parley.kernel.conversation;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** The acting user is not a member of the conversation. */
public final class NotAMember extends ChatException {

    public NotAMember(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }
}
