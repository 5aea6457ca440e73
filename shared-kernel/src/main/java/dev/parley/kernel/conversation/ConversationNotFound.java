package dev.parley.kernel.conversation;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** No conversation has this id. */
public final class ConversationNotFound extends ChatException {

    public ConversationNotFound(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }
}
