package dev.parley.command.media;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaAttachment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code media_owners} table. Its rows are written inside the transaction that stores the
 * {@code MediaUploaded} event, so the table and the event store never disagree.
 */
@Component
class MediaOwnerTable implements MediaOwners {

    private final NamedParameterJdbcTemplate jdbc;

    MediaOwnerTable(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True if the row is new; false if this media id was recorded already. */
    boolean add(UserId owner, MediaAttachment media) {
        Map<String, Object> row = new HashMap<>();
        row.put("mediaId", media.mediaId().value());
        row.put("owner", owner.value());
        row.put("contentType", media.contentType());
        row.put("size", media.size());
        row.put("width", media.width());
        row.put("height", media.height());
        row.put("objectKey", media.objectKey());
        row.put("thumbnailKey", media.thumbnailKey());
        return jdbc.update("INSERT INTO media_owners (media_id, owner_id, content_type, size_bytes, width, height,"
                + " object_key, thumbnail_key) VALUES (:mediaId, :owner, :contentType, :size, :width, :height,"
                + " :objectKey, :thumbnailKey) ON CONFLICT DO NOTHING", row) == 1;
    }

    @Override
    public MediaAttachment ownedBy(UserId owner, MediaId media) {
        List<MediaAttachment> found = jdbc.query("SELECT content_type, size_bytes, width, height, object_key, thumbnail_key"
                        + " FROM media_owners WHERE media_id = :mediaId AND owner_id = :owner",
                Map.of("mediaId", media.value(), "owner", owner.value()),
                (rs, i) -> new MediaAttachment(media, rs.getString("content_type"), rs.getLong("size_bytes"),
                        (Integer) rs.getObject("width"), (Integer) rs.getObject("height"),
                        rs.getString("object_key"), rs.getString("thumbnail_key")));
        return found.isEmpty() ? null : found.get(0);
    }
}
