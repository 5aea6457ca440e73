package dev.parley.kernel.protocol;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.query.ChatMessage;
import java.time.Instant;
import java.util.List;

/**
 * The frames the server pushes to sockets without being asked (they carry no {@code id}). Each record's
 * {@code type} comes first, so a frame reads as the protocol shows it.
 */
public final class Pushes {

    private Pushes() {
    }

    /** A stored message; {@code message} is flattened into the frame. */
    public record MessagePush(String type, @JsonUnwrapped ChatMessage message) {
        public MessagePush(ChatMessage message) {
            this("message", message);
        }
    }

    /** A member's delivered or read watermark rose to {@code seq}. */
    public record ReceiptPush(String type, ConversationId conversationId, UserId userId, String kind, long seq) {
        public ReceiptPush(ConversationId conversationId, UserId userId, String kind, long seq) {
            this("receipt", conversationId, userId, kind, seq);
        }
    }

    /** A member started or stopped typing; {@code expiresInMs} is how long an active one lasts unless repeated. */
    public record TypingPush(String type, ConversationId conversationId, UserId userId, boolean active, long expiresInMs) {
        public TypingPush(ConversationId conversationId, UserId userId, boolean active, long expiresInMs) {
            this("typing", conversationId, userId, active, expiresInMs);
        }
    }

    /** A user came online or went offline; {@code lastSeen} is when (an online user is seen now). */
    public record PresencePush(String type, UserId userId, boolean online, Instant lastSeen) {
        public PresencePush(UserId userId, boolean online, Instant lastSeen) {
            this("presence", userId, online, lastSeen);
        }
    }

    /** Who is in a conversation changed, or its title: {@code change} is created, joined, left, removed or renamed. */
    public record MembershipPush(String type, ConversationId conversationId, String change, List<UserId> userIds,
                                 String title, UserId by) {
        public MembershipPush(ConversationId conversationId, String change, List<UserId> userIds, String title, UserId by) {
            this("membership", conversationId, change, userIds, title, by);
        }
    }
}
