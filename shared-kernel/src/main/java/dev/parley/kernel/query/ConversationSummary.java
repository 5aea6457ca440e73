package dev.parley.kernel.query;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;
import java.util.List;

/**
 * One conversation as one member sees it in their list: the protocol's conversation summary, plus when it
 * last changed (the order of the list). {@code unread} is {@code lastSeq - readSeq}: a member's own
 * messages count as read by them, so they are never among it.
 */
public record ConversationSummary(ConversationId conversationId, String kind, String title, List<UserId> memberIds,
                                  long lastSeq, long deliveredSeq, long readSeq, long unread, ChatMessage lastMessage,
                                  Instant updatedAt) {

    /**
     * The summary with a newer {@code lastSeq} known from elsewhere than the read model (the push fan-out's
     * count, which runs ahead of it); {@code unread} grows by the messages added. A lower value changes nothing.
     */
    public ConversationSummary withLastSeq(long newerLastSeq) {
        if (newerLastSeq <= lastSeq) {
            return this;
        }
        return new ConversationSummary(conversationId, kind, title, memberIds, newerLastSeq, deliveredSeq, readSeq,
                unread + (newerLastSeq - lastSeq), lastMessage, updatedAt);
    }
}
