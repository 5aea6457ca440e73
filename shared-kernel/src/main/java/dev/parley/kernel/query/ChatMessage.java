package dev.parley.kernel.query;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** A message as clients read it (the protocol's "message"); {@code media} is null until media is built. */
public record ChatMessage(ConversationId conversationId, MessageId messageId, long seq, UserId senderId,
                          String clientMsgId, Instant sentAt, String text, MediaId mediaId) {
}
