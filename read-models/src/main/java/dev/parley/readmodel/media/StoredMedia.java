package dev.parley.readmodel.media;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaAttachment;

/** A media object as the {@code media} table holds it: its owner and what a message carries of it. */
public record StoredMedia(MediaId mediaId, UserId ownerId, MediaAttachment attachment) {

    static StoredMedia of(Row row) {
        MediaId id = new MediaId(row.getString("media_id"));
        return new StoredMedia(id, new UserId(row.getString("owner_id")), new MediaAttachment(id,
                row.getString("content_type"), row.getLong("size"),
                row.isNull("width") ? null : row.getInt("width"), row.isNull("height") ? null : row.getInt("height"),
                row.getString("object_key"), row.getString("thumbnail_key")));
    }
}
