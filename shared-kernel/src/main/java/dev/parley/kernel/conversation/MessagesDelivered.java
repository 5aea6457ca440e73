package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** Every message up to {@code seq} reached the user: their delivered watermark rose to it. */
public record MessagesDelivered(ConversationId conversationId, UserId userId, long seq, Instant at) implements ConversationEvent {
}
