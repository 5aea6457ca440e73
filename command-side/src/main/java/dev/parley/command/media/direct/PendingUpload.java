package dev.parley.command.media.direct;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** One row of {@code media_direct_uploads}: what was declared, where the client PUTs it, and whether it was completed. */
record PendingUpload(String uploadId, UserId owner, MediaId mediaId, String contentType, long size, String objectKey,
                     Instant requestedAt, Instant completedAt) {

    boolean completed() {
        return completedAt != null;
    }
}
