package dev.parley.kernel.query;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;

/** An admin's page of a conversation's messages after {@code afterSeq}, ascending; no membership needed. */
public record AdminMessagesOf(ConversationId conversationId, long afterSeq, int limit) {

    public AdminMessagesOf {
        InvalidInput.require("conversationId", conversationId);
        if (afterSeq < 0) {
            throw new InvalidInput("afterSeq must be 0 or more");
        }
        if (limit < 1 || limit > MessagesOf.MAX_LIMIT) {
            throw new InvalidInput("limit must be 1.." + MessagesOf.MAX_LIMIT);
        }
    }
}
