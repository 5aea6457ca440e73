package dev.parley.kernel;

/**
 * A rule of the chat said no. Each subclass stands for one rule and maps to one protocol error code, so
 * that every edge (WebSocket, REST, the command reply topic) answers it the same way.
 */
public abstract class ChatException extends RuntimeException {

    private final ErrorCode code;

    protected ChatException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
