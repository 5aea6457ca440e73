package dev.parley.admin;

/** The command line asks for something the tool cannot do: the message says what, then the usage is shown. */
final class UsageError extends RuntimeException {

    UsageError(String message) {
        super(message);
    }
}
