package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;
import java.util.List;

/** A group exists: the creator is its admin; {@code memberIds} includes the creator. */
public record GroupCreated(ConversationId conversationId, UserId creator, String title, List<UserId> memberIds, Instant at) implements ConversationEvent {
}
