package dev.parley.kernel.conversation;

import dev.parley.kernel.ShownText;

/** The chat's fixed limits on input, shared by every edge that checks them early. */
public final class ConversationRules {

    public static final int MAX_TEXT_CHARS = 4_096;
    public static final int MAX_TITLE_CHARS = 100;
    public static final int MAX_CLIENT_MSG_ID_CHARS = 64;
    /** One command adds at most this many members; the group's own limit is a setting (default 1,024). */
    public static final int MAX_USERS_PER_COMMAND = 256;

    private ConversationRules() {
    }

    /** A group's title: 1 to {@link #MAX_TITLE_CHARS} characters after trimming, none of them invisible. */
    public static String title(String value) {
        return ShownText.name("title", value, 1, MAX_TITLE_CHARS);
    }
}
