package dev.parley.command.media.direct;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code media_direct_uploads} table. Rows are locked ({@code FOR UPDATE}) while an upload is completed
 * and while the cleanup deletes them, so a completion and a cleanup, or two completions, never act on one
 * upload at once; the cleanup skips locked rows rather than waiting for them.
 */
@Component
class PendingUploads {

    private static final String COLUMNS = "upload_id, owner_id, media_id, content_type, size_bytes, object_key,"
            + " requested_at, completed_at";

    private final NamedParameterJdbcTemplate jdbc;

    PendingUploads(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(PendingUpload upload) {
        Map<String, Object> row = new HashMap<>();
        row.put("uploadId", upload.uploadId());
        row.put("owner", upload.owner().value());
        row.put("mediaId", upload.mediaId().value());
        row.put("contentType", upload.contentType());
        row.put("size", upload.size());
        row.put("objectKey", upload.objectKey());
        row.put("requestedAt", Timestamp.from(upload.requestedAt()));
        jdbc.update("INSERT INTO media_direct_uploads (" + COLUMNS + ") VALUES (:uploadId, :owner, :mediaId,"
                + " :contentType, :size, :objectKey, :requestedAt, NULL)", row);
    }

    /** The owner's upload, locked until the caller's transaction ends; null when it has none of this id. */
    PendingUpload lockOwned(UserId owner, String uploadId) {
        List<PendingUpload> found = jdbc.query("SELECT " + COLUMNS + " FROM media_direct_uploads"
                        + " WHERE upload_id = :uploadId AND owner_id = :owner FOR UPDATE",
                Map.of("uploadId", uploadId, "owner", owner.value()), PendingUploads::row);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Up to {@code rows} uploads asked for before {@code cutoff}, locked; rows other nodes hold are skipped. */
    List<PendingUpload> lockRequestedBefore(Instant cutoff, int rows) {
        return jdbc.query("SELECT " + COLUMNS + " FROM media_direct_uploads WHERE requested_at < :cutoff"
                        + " ORDER BY requested_at LIMIT :rows FOR UPDATE SKIP LOCKED",
                Map.of("cutoff", Timestamp.from(cutoff), "rows", rows), PendingUploads::row);
    }

    void markCompleted(String uploadId, Instant at) {
        jdbc.update("UPDATE media_direct_uploads SET completed_at = :at WHERE upload_id = :uploadId",
                Map.of("uploadId", uploadId, "at", Timestamp.from(at)));
    }

    void delete(List<String> uploadIds) {
        if (!uploadIds.isEmpty()) {
            jdbc.update("DELETE FROM media_direct_uploads WHERE upload_id IN (:ids)", Map.of("ids", uploadIds));
        }
    }

    private static PendingUpload row(ResultSet rs, int i) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new PendingUpload(rs.getString("upload_id"), new UserId(rs.getString("owner_id")),
                new MediaId(rs.getString("media_id")), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("object_key"), rs.getTimestamp("requested_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
