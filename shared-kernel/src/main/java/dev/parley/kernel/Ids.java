package dev.parley.kernel;

import java.util.regex.Pattern;

/** The one shape every id has: 1 to 64 characters that are safe in URLs, keys and file names. */
final class Ids {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private Ids() {
    }

    static String check(String kind, String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInput(kind + " must be 1 to 64 of A-Z, a-z, 0-9, '_', '.', ':' or '-'");
        }
        return value;
    }
}
