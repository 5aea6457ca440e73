package dev.parley.kernel.conversation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaAttachment;
import java.time.Instant;

/**
 * A message was stored as number {@code seq} of its conversation (from 1, without gaps). Events stored
 * before media existed carry a bare {@code mediaId} field, which named nothing that could be uploaded:
 * it is ignored when they are read.
 */
@JsonIgnoreProperties(value = "mediaId", allowGetters = false)
public record MessageSent(ConversationId conversationId, MessageId messageId, long seq, UserId senderId, String clientMsgId, String text, MediaAttachment media, Instant sentAt) implements ConversationEvent {

    /** The attached media's id, or null. */
    @JsonIgnore
    public MediaId mediaId() {
        return media == null ? null : media.mediaId();
    }
}
