package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;
import java.util.List;

/** A one-to-one conversation exists: its two members, and who opened it. */
public record DirectConversationOpened(ConversationId conversationId, List<UserId> memberIds, UserId openedBy, Instant at) implements ConversationEvent {
}
