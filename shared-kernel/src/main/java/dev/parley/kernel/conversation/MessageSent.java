package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** A message was stored as number {@code seq} of its conversation (from 1, without gaps). */
public record MessageSent(ConversationId conversationId, MessageId messageId, long seq, UserId senderId, String clientMsgId, String text, MediaId mediaId, Instant sentAt) implements ConversationEvent {
}
