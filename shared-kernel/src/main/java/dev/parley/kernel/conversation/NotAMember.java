package dev.parley.kernel.conversation;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;

/**
 * The acting user may not see the conversation: they are not a member, or it does not exist. Both get
 * this one answer, word for word ({@link #of}), on every edge: a direct conversation's id is derived from
 * its two users, so any other answer for an existing one would tell a stranger who talks to whom.
 */
public final class NotAMember extends ChatException {

    public NotAMember(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }

    /** The one refusal for a conversation the user is not in, whether or not it exists. */
    public static NotAMember of(ConversationId conversation) {
        return new NotAMember(textFor(conversation));
    }

    /** The words of that refusal, for the edges that build their own refusal (the same code and text). */
    public static String textFor(ConversationId conversation) {
        return "not a member of conversation " + conversation.value();
    }
}
