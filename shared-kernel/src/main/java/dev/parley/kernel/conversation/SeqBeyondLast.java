package dev.parley.kernel.conversation;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** A watermark above the conversation's last seq. */
public final class SeqBeyondLast extends ChatException {

    public SeqBeyondLast(String message) {
        super(ErrorCode.BAD_REQUEST, message);
    }
}
