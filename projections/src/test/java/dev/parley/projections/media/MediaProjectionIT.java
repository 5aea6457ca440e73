package dev.parley.projections.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.MediaUploaded;
import dev.parley.projections.ProjectionIT;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An upload and a message carrying it in on the events topic; out: the media row with its owner, the
 * conversation it was sent to, and the attachment kept with the message and as the conversation's last
 * message (object keys, no URL). The same events again change nothing.
 */
class MediaProjectionIT extends ProjectionIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    CqlSession cassandra;

    @Test
    void anUploadAndTheMessageCarryingItBecomeTheMediaRowsAndTheMessagesAttachment() throws Exception {
        UserId ada = UserId.random();
        UserId bob = UserId.random();
        ConversationId group = ConversationId.newGroup();
        MediaId photo = MediaId.random();
        MediaAttachment attachment = new MediaAttachment(photo, "image/jpeg", 48_213, 1600, 1200,
                "media/3f/3f2a.jpg", "media/3f/3f2a-thumb.jpg");
        MediaId clip = MediaId.random();
        MediaAttachment audio = new MediaAttachment(clip, "audio/mpeg", 120_000, null, null, "media/9c/9c01.mp3", null);
        List<Object> uploads = List.of(new MediaUploaded(photo, ada, attachment, T0));
        List<Object> conversation = List.of(
                new GroupCreated(group, ada, "Photos", List.of(ada, bob), T0),
                new MessageSent(group, new MessageId("m-1"), 1, ada, "c-1", "look", attachment, T0.plusSeconds(1)),
                new MessageSent(group, new MessageId("m-2"), 2, ada, "c-2", null, audio, T0.plusSeconds(2)));
        events.publishHistory(topics.events().name(), "Media", photo.value(), 0, uploads);
        events.publishHistory(topics.events().name(), "Media", clip.value(), 0,
                List.of(new MediaUploaded(clip, ada, audio, T0)));
        events.publishHistory(topics.events().name(), "Conversation", group.value(), 0, conversation);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(row("SELECT * FROM media WHERE media_id = ?", clip.value())).isNotNull();
            assertThat(row("SELECT last_seq FROM conversations WHERE conversation_id = ?", group.value()))
                    .isNotNull().extracting(r -> r.getLong("last_seq")).isEqualTo(2L);
        });
        Row media = row("SELECT * FROM media WHERE media_id = ?", photo.value());
        assertThat(media.getString("owner_id")).isEqualTo(ada.value());
        assertThat(media.getString("content_type")).isEqualTo("image/jpeg");
        assertThat(media.getLong("size")).isEqualTo(48_213);
        assertThat(media.getInt("width")).isEqualTo(1600);
        assertThat(media.getInt("height")).isEqualTo(1200);
        assertThat(media.getString("object_key")).isEqualTo("media/3f/3f2a.jpg");
        assertThat(media.getString("thumbnail_key")).isEqualTo("media/3f/3f2a-thumb.jpg");
        assertThat(media.getInstant("uploaded_at")).isEqualTo(T0);
        assertThat(row("SELECT * FROM media_conversations WHERE media_id = ? AND conversation_id = ?",
                photo.value(), group.value())).isNotNull();
        Row message = row("SELECT * FROM messages WHERE conversation_id = ? AND bucket = 0 AND seq = 1", group.value());
        assertThat(message.getString("media_id")).isEqualTo(photo.value());
        assertThat(message.getString("media_content_type")).isEqualTo("image/jpeg");
        assertThat(message.getLong("media_size")).isEqualTo(48_213);
        assertThat(message.getString("media_object_key")).isEqualTo("media/3f/3f2a.jpg");
        assertThat(message.getString("media_thumbnail_key")).isEqualTo("media/3f/3f2a-thumb.jpg");
        Row last = row("SELECT * FROM conversations WHERE conversation_id = ?", group.value());
        assertThat(last.getString("last_media_id")).isEqualTo(clip.value());
        assertThat(last.getString("last_media_object_key")).isEqualTo("media/9c/9c01.mp3");
        assertThat(last.isNull("last_media_width")).isTrue();
        assertThat(last.isNull("last_media_thumbnail_key")).isTrue();

        // Everything again, as after a publisher's crash; then a marker upload, to know when it was handled.
        String before = media.getFormattedContents() + message.getFormattedContents() + last.getFormattedContents();
        events.publishHistory(topics.events().name(), "Media", photo.value(), 0, uploads);
        events.publishHistory(topics.events().name(), "Conversation", group.value(), 0, conversation);
        MediaId marker = MediaId.random();
        events.publishHistory(topics.events().name(), "Media", marker.value(), 0, List.of(new MediaUploaded(marker, bob,
                new MediaAttachment(marker, "application/pdf", 10, null, null, "media/00/0000.pdf", null), T0)));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(row("SELECT * FROM media WHERE media_id = ?", marker.value())).isNotNull());

        assertThat(row("SELECT * FROM media WHERE media_id = ?", photo.value()).getFormattedContents()
                + row("SELECT * FROM messages WHERE conversation_id = ? AND bucket = 0 AND seq = 1", group.value()).getFormattedContents()
                + row("SELECT * FROM conversations WHERE conversation_id = ?", group.value()).getFormattedContents())
                .isEqualTo(before);
        assertThat(cassandra.execute("SELECT conversation_id FROM media_conversations WHERE media_id = ?", photo.value())
                .all()).hasSize(1);
    }

    private Row row(String cql, Object... values) {
        return cassandra.execute(cql, values).one();
    }
}
