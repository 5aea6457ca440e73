package dev.parley.kernel.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.MediaUrls;
import dev.parley.kernel.media.ServedMedia;
import java.time.Instant;

/**
 * A message as clients read it (the protocol's "message"). The read models hold the {@code attachment}
 * (object keys, never a URL); {@code media} is what a client reads of it, with URLs signed by
 * {@link #signed} at the moment the message is served, so that no stored or cached message holds a URL
 * that expires.
 */
public record ChatMessage(ConversationId conversationId, MessageId messageId, long seq, UserId senderId,
                          String clientMsgId, Instant sentAt, String text, @JsonIgnore MediaAttachment attachment,
                          ServedMedia media) {

    /** A message as read from a store: its media, if any, not signed yet. */
    public ChatMessage(ConversationId conversationId, MessageId messageId, long seq, UserId senderId,
                       String clientMsgId, Instant sentAt, String text, MediaAttachment attachment) {
        this(conversationId, messageId, seq, senderId, clientMsgId, sentAt, text, attachment,
                attachment == null ? null : ServedMedia.unsigned(attachment));
    }

    /** The attached media's id, or null; kept at the top of a message as before media had its object. */
    @JsonProperty("mediaId")
    public MediaId mediaId() {
        return attachment == null ? null : attachment.mediaId();
    }

    /** This message with its media's URLs signed now; itself when it has no media. */
    public ChatMessage signed(MediaUrls urls) {
        if (attachment == null) {
            return this;
        }
        return new ChatMessage(conversationId, messageId, seq, senderId, clientMsgId, sentAt, text, attachment,
                ServedMedia.signed(attachment, urls));
    }
}
