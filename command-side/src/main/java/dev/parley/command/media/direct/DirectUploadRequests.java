package dev.parley.command.media.direct;

import dev.parley.command.media.MediaProperties;
import dev.parley.command.media.MediaQuota;
import dev.parley.command.media.MediaTypes;
import dev.parley.command.media.UnsupportedMedia;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.TooLarge;
import dev.parley.kernel.UserId;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * {@code POST /api/media/uploads}: checks what the client declares (type, size, quota), records the upload
 * as pending, and hands out a presigned PUT of exactly that type and size to the upload's own key.
 */
@Service
class DirectUploadRequests {

    /** The longest type a client may declare (the longest allowed one is far shorter); longer is 400. */
    private static final int MAX_CONTENT_TYPE_LENGTH = 100;

    private final DirectUploadProperties direct;
    private final MediaProperties media;
    private final MediaQuota quota;
    private final PendingUploads pending;
    private final UploadObjects objects;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DirectUploadRequests(DirectUploadProperties direct, MediaProperties media, MediaQuota quota, PendingUploads pending,
                         UploadObjects objects, TransactionTemplate transaction, Clock clock) {
        this.direct = direct;
        this.media = media;
        this.quota = quota;
        this.pending = pending;
        this.objects = objects;
        this.transaction = transaction;
        this.clock = clock;
    }

    UploadTicket request(UserId owner, DeclaredUpload declared) {
        String type = InvalidInput.requireLength("contentType", declared.contentType(), 1, MAX_CONTENT_TYPE_LENGTH)
                .strip().toLowerCase(Locale.ROOT);
        long size = InvalidInput.require("size", declared.size());
        if (!MediaTypes.isAllowed(type)) {
            throw new UnsupportedMedia("contentType must be an allowed type (image/jpeg, image/png, image/gif,"
                    + " image/webp, video/mp4, audio/mpeg, audio/mp4, audio/aac, audio/ogg, application/pdf)");
        }
        if (size > direct.maxFileBytes()) {
            throw new TooLarge("a file may have at most " + direct.maxFileBytes() + " bytes");
        }
        if (MediaTypes.isImage(type) && size > media.maxFileBytes()) {
            throw new TooLarge("an image may have at most " + media.maxFileBytes() + " bytes");
        }
        if (size < direct.minFileBytes()) {
            throw new InvalidInput("a file of fewer than " + direct.minFileBytes() + " bytes is uploaded with"
                    + " POST /api/media");
        }
        quota.requireRoom(owner);
        String uploadId = UUID.randomUUID().toString();
        PendingUpload upload = new PendingUpload(uploadId, owner, MediaId.random(), type, size, "uploads/" + uploadId,
                clock.instant(), null);
        // Counted when asked for, completed or not: each ticket lets its holder store its size in the bucket.
        transaction.executeWithoutResult(status -> {
            quota.charge(owner, size);
            pending.add(upload);
        });
        PresignedPutObjectRequest put = objects.presignPut(upload.objectKey(), type, size, direct.urlTtl());
        return new UploadTicket(uploadId, upload.mediaId(), "PUT", put.url().toString(), headersToSend(put),
                put.expiration());
    }

    /**
     * The signed headers a client sends as they are: Host and Content-Length are left out, since every HTTP
     * client sets them itself (a browser refuses to be told), though both are signed.
     */
    private static Map<String, String> headersToSend(PresignedPutObjectRequest put) {
        Map<String, String> headers = new TreeMap<>();
        put.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.HOST) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                headers.put(name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) ? HttpHeaders.CONTENT_TYPE : name,
                        String.join(",", values));
            }
        });
        return headers;
    }
}
