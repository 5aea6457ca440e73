package dev.parley.kernel.conversation;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** A conversation was to be created under an id that another conversation already has. */
public final class ConversationExists extends ChatException {

    public ConversationExists(String message) {
        super(ErrorCode.CONFLICT, message);
    }
}
