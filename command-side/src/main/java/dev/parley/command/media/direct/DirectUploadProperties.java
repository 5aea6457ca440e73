package dev.parley.command.media.direct;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Large files uploaded straight to the object store ({@code parley.media.direct.*}).
 *
 * @param minFileBytes      the smallest file this route takes; a smaller one is {@code 400}, sent to
 *                          {@code POST /api/media}, which takes it in one request
 * @param maxFileBytes      the largest file (video, audio, PDF) this route takes; larger is {@code 413}. An
 *                          image is also bounded by {@code parley.media.max-file-bytes}, since it is read
 *                          through a node to be re-encoded
 * @param urlTtl            how long the presigned PUT works
 * @param maxPendingAge     an upload not completed within this is deleted, object and row; its row is
 *                          deleted this long after it was asked for even when completed (completing
 *                          again is then {@code 404})
 * @param cleanupEvery      how often each node looks for uploads past {@code maxPendingAge}
 * @param cleanupBatchRows  uploads one cleanup transaction locks and deletes at once
 * @param sniffBytes        the object's first bytes read (one ranged GET) to tell its type
 */
@ConfigurationProperties("parley.media.direct")
public record DirectUploadProperties(
        @DefaultValue("8388608") long minFileBytes,
        @DefaultValue("104857600") long maxFileBytes,
        @DefaultValue("15m") Duration urlTtl,
        @DefaultValue("24h") Duration maxPendingAge,
        @DefaultValue("1h") Duration cleanupEvery,
        @DefaultValue("100") int cleanupBatchRows,
        @DefaultValue("65536") int sniffBytes) {

    public DirectUploadProperties {
        if (minFileBytes < 1 || maxFileBytes < minFileBytes || cleanupBatchRows < 1 || sniffBytes < 1024) {
            throw new IllegalArgumentException("parley.media.direct: min-file-bytes must be 1 or more and at most"
                    + " max-file-bytes, cleanup-batch-rows 1 or more, sniff-bytes 1024 or more");
        }
        // A PUT that may still arrive after its upload was deleted would leave an object nothing deletes.
        if (maxPendingAge.compareTo(urlTtl) <= 0) {
            throw new IllegalArgumentException("parley.media.direct.max-pending-age (" + maxPendingAge
                    + ") must be longer than parley.media.direct.url-ttl (" + urlTtl + ")");
        }
    }
}
