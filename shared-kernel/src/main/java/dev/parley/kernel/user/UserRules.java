package dev.parley.kernel.user;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.ShownText;
import java.util.regex.Pattern;

/** What a username, a display name and a password may be. */
public final class UserRules {

    public static final int MAX_USERNAME_CHARS = 32;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.]{3," + MAX_USERNAME_CHARS + "}");
    public static final int MAX_DISPLAY_NAME_CHARS = 64;
    public static final int MIN_PASSWORD_CHARS = 8;
    public static final int MAX_PASSWORD_CHARS = 128;

    private UserRules() {
    }

    public static String username(String value) {
        if (value == null || !USERNAME.matcher(value).matches()) {
            throw new InvalidInput("username must be 3 to 32 of a-z, 0-9, '_' and '.'");
        }
        return value;
    }

    public static String displayName(String value) {
        return ShownText.name("displayName", value, 1, MAX_DISPLAY_NAME_CHARS);
    }

    public static String password(String value) {
        if (value == null || value.length() < MIN_PASSWORD_CHARS || value.length() > MAX_PASSWORD_CHARS) {
            throw new InvalidInput("password must be " + MIN_PASSWORD_CHARS + " to " + MAX_PASSWORD_CHARS + " characters");
        }
        return value;
    }
}
