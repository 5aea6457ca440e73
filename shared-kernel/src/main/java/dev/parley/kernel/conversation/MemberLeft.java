package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** A member left. When the last admin leaves, the longest-standing member becomes admin ({@code newAdmin}, else null). */
public record MemberLeft(ConversationId conversationId, UserId userId, UserId newAdmin, Instant at) implements ConversationEvent {
}
