package dev.parley.kernel;

/**
 * Which characters a text that other users are shown may hold: a name or title, or a message's text.
 * Control characters could break a client's layout or logs; bidi controls reorder what follows them
 * (a name that reads as another, a link that shows one address and is another); zero-width and other
 * invisible format characters make two different names look alike. So names and titles hold none of
 * them, and a message's text only the line break (line feed, and the carriage return that clients on
 * some systems send before it), the tab and the zero-width joiner (emoji sequences such as a family are
 * joined with it). A text is kept as sent, not normalised: normalising would not
 * remove look-alikes (NFC leaves Cyrillic "а" and Latin "a" apart), and what was sent is what a repeat
 * of the same command is compared with.
 */
public final class ShownText {

    private static final char LINE_FEED = '\n';
    private static final char CARRIAGE_RETURN = '\r';
    private static final char TAB = '\t';
    private static final char ZERO_WIDTH_JOINER = '\u200D';

    private ShownText() {
    }

    /** A name or title: {@code min} to {@code max} characters after trimming, none of them invisible. */
    public static String name(String field, String value, int min, int max) {
        String trimmed = InvalidInput.requireLength(field, value, min, max);
        int refused = firstRefused(trimmed, false);
        if (refused >= 0) {
            throw refusal(field, refused);
        }
        return trimmed;
    }

    /** A message's text; the caller checks its length (over it is {@code TOO_LARGE}, not a bad request). */
    public static String message(String field, String value) {
        int refused = firstRefused(value, true);
        if (refused >= 0) {
            throw refusal(field, refused);
        }
        return value;
    }

    /** The first code point the text may not hold, or -1. */
    static int firstRefused(String text, boolean messageText) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (messageText && (c == LINE_FEED || c == CARRIAGE_RETURN || c == TAB || c == ZERO_WIDTH_JOINER)) {
                continue;
            }
            if (refused(c, messageText)) {
                return c;
            }
        }
        return -1;
    }

    private static boolean refused(int c, boolean messageText) {
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.SURROGATE) {
            return true; // C0, DEL, C1; a lone surrogate (half a character, which UTF-8 cannot store)
        }
        if (isBidiControl(c) || isInvisible(c)) {
            return true;
        }
        // Names: every other format character too (soft hyphen, tag characters, interlinear annotations);
        // a message keeps them, since emoji flags of regions are written with tag characters.
        return !messageText && type == Character.FORMAT;
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private static boolean isInvisible(int c) {
        return (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF;
    }

    private static InvalidInput refusal(String field, int c) {
        return new InvalidInput(field + " may not hold control, bidi or invisible characters (found U+"
                + String.format("%04X", c) + ")");
    }
}
