package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;

/** The answer to {@link MarkDelivered} and {@link MarkRead}: the watermark as it now stands. */
public record Watermark(ConversationId conversationId, long seq) {
}
