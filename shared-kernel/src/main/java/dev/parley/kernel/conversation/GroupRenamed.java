package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** A member gave the group a new title. */
public record GroupRenamed(ConversationId conversationId, UserId by, String title, Instant at) implements ConversationEvent {
}
