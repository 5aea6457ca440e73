package dev.parley.kernel.query;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaUrls;
import java.time.Instant;
import java.util.List;

/**
 * One conversation as one member sees it in their list: the protocol's conversation summary, plus when it
 * last changed (the order of the list). {@code unread} is {@code lastSeq - readSeq}: a member's own
 * messages count as read by them, so they are never among it. {@code members} adds to the protocol's
 * {@code memberIds} each member's role and watermarks, so that a client loaded after the receipts were
 * pushed shows the same ticks as one that saw them.
 */
public record ConversationSummary(ConversationId conversationId, String kind, String title, List<UserId> memberIds,
                                  List<ConversationMember> members, long lastSeq, long deliveredSeq, long readSeq, long unread, ChatMessage lastMessage,
                                  Instant updatedAt) {

    /**
     * The summary with a newer {@code lastSeq} known from elsewhere than the read model (the push fan-out's
     * count, which runs ahead of it); {@code unread} grows by the messages added. A lower value changes nothing.
     */
    public ConversationSummary withLastSeq(long newerLastSeq) {
        if (newerLastSeq <= lastSeq) {
            return this;
        }
        return new ConversationSummary(conversationId, kind, title, memberIds, members, newerLastSeq, deliveredSeq, readSeq,
                unread + (newerLastSeq - lastSeq), lastMessage, updatedAt);
    }

    /**
     * The summary with a newer last message known from elsewhere than the read model (the messages the push
     * fan-out has routed): {@code lastSeq} rises to its seq and {@code updatedAt} to its time; if
     * {@code viewer} (whose summary this is) sent it, it counts as read by them, as sending marks the
     * conversation read up to the message (for the sender's entry in {@code members} too). An older message,
     * or none, changes nothing.
     */
    public ConversationSummary withLastMessage(ChatMessage newer, UserId viewer) {
        if (newer == null || newer.seq() < lastSeq || (lastMessage != null && newer.seq() <= lastMessage.seq())) {
            return this;
        }
        long read = newer.senderId().equals(viewer) ? Math.max(readSeq, newer.seq()) : readSeq;
        Instant updated = updatedAt == null || newer.sentAt().isAfter(updatedAt) ? newer.sentAt() : updatedAt;
        List<ConversationMember> membersNow = members.stream()
                .map(member -> member.userId().equals(newer.senderId()) ? member.sent(newer.seq()) : member).toList();
        return new ConversationSummary(conversationId, kind, title, memberIds, membersNow, newer.seq(), Math.max(deliveredSeq, read),
                read, Math.max(0, newer.seq() - read), newer, updated);
    }

    /** The summary with its last message's media URLs signed now. */
    public ConversationSummary signed(MediaUrls urls) {
        if (lastMessage == null || lastMessage.attachment() == null) {
            return this;
        }
        return new ConversationSummary(conversationId, kind, title, memberIds, members, lastSeq, deliveredSeq, readSeq, unread,
                lastMessage.signed(urls), updatedAt);
    }
}
