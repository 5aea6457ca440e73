package dev.parley.kernel.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/**
 * A message as clients read it (the protocol's "message"). {@code media} is the protocol's object for a
 * message with media; until media upload is built it carries only the {@code mediaId}.
 */
public record ChatMessage(ConversationId conversationId, MessageId messageId, long seq, UserId senderId,
                          String clientMsgId, Instant sentAt, String text, MediaId mediaId) {

    /** The media attached, or null. */
    @JsonProperty("media")
    public Media media() {
        return mediaId == null ? null : new Media(mediaId);
    }

    /** The protocol's media object; contentType, size and the URLs come with the media upload. */
    public record Media(MediaId mediaId) {
    }
}
