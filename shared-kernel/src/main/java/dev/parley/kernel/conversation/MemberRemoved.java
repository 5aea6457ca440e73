package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** An admin removed a member. */
public record MemberRemoved(ConversationId conversationId, UserId by, UserId userId, Instant at) implements ConversationEvent {
}
