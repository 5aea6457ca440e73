package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/**
 * {@code senderId} sent their first message in the conversation (the message at {@code seq}, whose
 * {@code MessageSent} comes just before): from now on its members have chatted with them, and may see
 * their presence. Once per member and conversation, so that the send path records consent without a
 * write per message.
 */
public record FirstMessageSent(ConversationId conversationId, UserId senderId, long seq, Instant at)
        implements ConversationEvent {
}
