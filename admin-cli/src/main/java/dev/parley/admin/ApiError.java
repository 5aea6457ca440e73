package dev.parley.admin;

/** The server answered, but not with what was asked: its status and the problem's {@code detail}. */
final class ApiError extends RuntimeException {

    ApiError(int status, String detail) {
        super("HTTP " + status + ": " + detail);
    }

    /** An answer that came back fine but says the thing asked for failed or does not exist. */
    ApiError(String message) {
        super(message);
    }
}
