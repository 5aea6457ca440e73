package dev.parley.readmodel.media;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.media.MediaAttachment;

/**
 * How a message's {@link MediaAttachment} is kept in a row: the columns {@code <prefix>media_id},
 * {@code <prefix>media_content_type}, {@code _size}, {@code _width}, {@code _height}, {@code _object_key}
 * and {@code _thumbnail_key} (V5__media.cql), so that the message rows and a conversation's last message
 * hold the same thing the event does.
 */
public final class MediaColumns {

    private MediaColumns() {
    }

    /** The column names after {@code prefix}, in the order {@link #values} gives them. */
    public static String names(String prefix) {
        return String.join(", ", prefix + "media_id", prefix + "media_content_type", prefix + "media_size",
                prefix + "media_width", prefix + "media_height", prefix + "media_object_key", prefix + "media_thumbnail_key");
    }

    /** {@code "<prefix>media_id = ?, ..."}: the columns as assignments of an UPDATE. */
    public static String assignments(String prefix) {
        return names(prefix).replace(",", " = ?,") + " = ?";
    }

    /** The attachment's values for the columns of {@link #names}; all null for a message without media. */
    public static Object[] values(MediaAttachment media) {
        if (media == null) {
            return new Object[7];
        }
        return new Object[]{media.mediaId().value(), media.contentType(), media.size(), media.width(), media.height(),
                media.objectKey(), media.thumbnailKey()};
    }

    /**
     * The attachment kept in {@code row}, or null. A row written before V5 names a {@code media_id} with no
     * object key: such an id named nothing that was ever stored (no message could carry media then).
     */
    public static MediaAttachment read(Row row, String prefix) {
        if (row.isNull(prefix + "media_id") || row.isNull(prefix + "media_object_key")) {
            return null;
        }
        return new MediaAttachment(new MediaId(row.getString(prefix + "media_id")), row.getString(prefix + "media_content_type"),
                row.isNull(prefix + "media_size") ? 0 : row.getLong(prefix + "media_size"),
                row.isNull(prefix + "media_width") ? null : row.getInt(prefix + "media_width"),
                row.isNull(prefix + "media_height") ? null : row.getInt(prefix + "media_height"),
                row.getString(prefix + "media_object_key"), row.getString(prefix + "media_thumbnail_key"));
    }
}
