package dev.parley.command.media.direct;

import dev.parley.platform.logging.OutageLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes uploads asked for more than {@code max-pending-age} ago: the objects of those never completed,
 * and the rows of all (for a completed one, its upload key too, which a client may have PUT again while its
 * URL lived; the media object is never touched). Runs on every node: rows are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes share the work instead of repeating it, and an upload being
 * completed is left alone.
 */
@Component
class AbandonedUploadsCleanup {

    private static final Logger log = LoggerFactory.getLogger(AbandonedUploadsCleanup.class);

    private final OutageLog failures = new OutageLog(AbandonedUploadsCleanup.class, "the abandoned uploads cleanup");

    private final PendingUploads pending;
    private final UploadObjects objects;
    private final DirectUploadProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AbandonedUploadsCleanup(PendingUploads pending, UploadObjects objects, DirectUploadProperties properties,
                            TransactionTemplate transaction, Clock clock) {
        this.pending = pending;
        this.objects = objects;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Deletes every upload past its age, a batch per transaction; answers how many. */
    @Scheduled(initialDelayString = "${parley.media.direct.cleanup-every:1h}",
            fixedDelayString = "${parley.media.direct.cleanup-every:1h}")
    int deleteAbandoned() {
        Instant cutoff = clock.instant().minus(properties.maxPendingAge());
        int deleted = 0;
        try {
            for (Integer batch = deleteBatch(cutoff); batch != null && batch > 0; batch = deleteBatch(cutoff)) {
                deleted += batch;
            }
            failures.succeeded();
        } catch (RuntimeException e) {
            // PostgreSQL or the store out: one line when the passes begin to fail and one when they work again.
            failures.failed(e);
        }
        if (deleted > 0) {
            log.info("deleted {} direct uploads asked for before {}", deleted, cutoff);
        }
        return deleted;
    }

    private Integer deleteBatch(Instant cutoff) {
        return transaction.execute(status -> {
            List<PendingUpload> expired = pending.lockRequestedBefore(cutoff, properties.cleanupBatchRows());
            // Objects first: a row whose object could not be deleted stays, to be tried again next pass.
            expired.forEach(upload -> objects.delete(upload.objectKey()));
            pending.delete(expired.stream().map(PendingUpload::uploadId).toList());
            return expired.size();
        });
    }
}
