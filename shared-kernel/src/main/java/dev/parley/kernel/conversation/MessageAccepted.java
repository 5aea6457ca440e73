package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import java.time.Instant;

/** The answer to {@link SendMessage}, the same for its repeats: what the ack of {@code send} carries. */
public record MessageAccepted(ConversationId conversationId, MessageId messageId, long seq, Instant sentAt) {
}
