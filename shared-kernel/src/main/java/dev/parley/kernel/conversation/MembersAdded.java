package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;
import java.util.List;

/** An admin added these users (only those who were not members already). */
public record MembersAdded(ConversationId conversationId, UserId by, List<UserId> userIds, Instant at) implements ConversationEvent {
}
