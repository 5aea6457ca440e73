package dev.parley.kernel.query;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/**
 * A page of a conversation's messages, ascending by {@code seq}, for a member: those after
 * {@code afterSeq}, or those before {@code beforeSeq}, or the latest; at most {@code limit}.
 */
public record MessagesOf(ConversationId conversationId, UserId requester, Long afterSeq, Long beforeSeq, int limit) {

    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 50;

    public MessagesOf {
        if (afterSeq != null && beforeSeq != null) {
            throw new InvalidInput("give afterSeq or beforeSeq, not both");
        }
        if ((afterSeq != null && afterSeq < 0) || (beforeSeq != null && beforeSeq < 1)) {
            throw new InvalidInput("afterSeq must be 0 or more, beforeSeq 1 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be 1.." + MAX_LIMIT);
        }
    }
}
