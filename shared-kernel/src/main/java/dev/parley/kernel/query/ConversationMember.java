package dev.parley.kernel.query;

import dev.parley.kernel.UserId;
import java.time.Instant;

/**
 * One member of a conversation as every member may see them: their role ({@code admin} or {@code member})
 * and how far they have received and read ({@code readSeq} counts their own messages as read, and read
 * implies delivered). A client that loads after the receipts were pushed draws its ticks from these.
 */
public record ConversationMember(UserId userId, String role, Instant joinedAt, long deliveredSeq, long readSeq) {

    /** This member having sent the message at {@code seq}: sending marks read up to it. */
    ConversationMember sent(long seq) {
        return seq <= readSeq ? this : new ConversationMember(userId, role, joinedAt, Math.max(deliveredSeq, seq), seq);
    }
}
