package dev.parley.kernel;

/** A value outside its allowed shape or range: answered {@code BAD_REQUEST}, nothing changes. */
public final class InvalidInput extends ChatException {

    public InvalidInput(String message) {
        super(ErrorCode.BAD_REQUEST, message);
    }

    /** Checks a text's length after trimming; returns it trimmed. */
    public static String requireLength(String field, String value, int min, int max) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.length() < min || trimmed.length() > max) {
            throw new InvalidInput(field + " must be " + min + " to " + max + " characters");
        }
        return trimmed;
    }

    public static <T> T require(String field, T value) {
        if (value == null) {
            throw new InvalidInput(field + " is required");
        }
        return value;
    }
}
