package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** The user read every message up to {@code seq}: their read watermark rose to it. */
public record MessagesRead(ConversationId conversationId, UserId userId, long seq, Instant at) implements ConversationEvent {
}
