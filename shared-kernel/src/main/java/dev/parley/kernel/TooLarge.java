package dev.parley.kernel;

/** Input above a size limit: answered {@code TOO_LARGE}, nothing changes. */
public final class TooLarge extends ChatException {

    public TooLarge(String message) {
        super(ErrorCode.TOO_LARGE, message);
    }
}
