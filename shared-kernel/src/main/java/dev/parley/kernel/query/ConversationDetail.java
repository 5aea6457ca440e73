package dev.parley.kernel.query;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;
import java.util.List;

/**
 * A conversation's whole read model, for admins: its members with roles and watermarks, how many members
 * and messages it has (seqs have no gaps, so the message count is {@code lastSeq}), and when it was
 * created and last changed.
 */
public record ConversationDetail(ConversationId conversationId, String kind, String title, UserId createdBy,
                                 Instant createdAt, Instant updatedAt, long lastSeq, int memberCount,
                                 long messageCount, List<ConversationMember> members) {
}
