package dev.parley.readmodel.media;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.MediaUploaded;
import dev.parley.readmodel.cassandra.PendingWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Builds the media read models in Cassandra: each uploaded object with its owner ({@code media}), and the
 * conversations each was sent to ({@code media_conversations}), which is what decides who may fetch it.
 *
 * <p>It runs in the {@code conversations} processor: the media tables are read with the conversation
 * tables (a message's media, a member's access), so they are rebuilt by the same replay and trail the
 * events by the same amount. Both writes are upserts of values an event fixes for good (a media id is
 * uploaded once; a message's media never changes), so a redelivered or replayed event changes nothing.
 */
@ProcessingGroup("conversations")
public class MediaProjection {

    private final PendingWrites writes;
    private final PreparedStatement insertMedia;
    private final PreparedStatement insertMediaConversation;

    MediaProjection(CqlSession cassandra, PendingWrites writes) {
        this.writes = writes;
        insertMedia = cassandra.prepare("INSERT INTO media (media_id, owner_id, content_type, size, width, height,"
                + " object_key, thumbnail_key, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertMediaConversation = cassandra.prepare("INSERT INTO media_conversations (media_id, conversation_id) VALUES (?, ?)");
    }

    @EventHandler
    void on(MediaUploaded event) {
        MediaAttachment media = event.media();
        writes.send(insertMedia.bind(event.mediaId().value(), event.ownerId().value(), media.contentType(), media.size(),
                media.width(), media.height(), media.objectKey(), media.thumbnailKey(), event.at()));
    }

    @EventHandler
    void on(MessageSent event) {
        if (event.media() != null) {
            writes.send(insertMediaConversation.bind(event.mediaId().value(), event.conversationId().value()));
        }
    }
}
