package dev.parley.command.media.direct;

import dev.parley.command.media.ImageCompression;
import dev.parley.command.media.MediaObjects;
import dev.parley.command.media.MediaOwners;
import dev.parley.command.media.MediaTypes;
import dev.parley.command.media.ProcessedImage;
import dev.parley.command.media.UnsupportedMedia;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.MediaUrls;
import dev.parley.kernel.media.RecordMedia;
import dev.parley.kernel.media.ServedMedia;
import dev.parley.platform.logging.FaultLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * {@code POST /api/media/uploads/{id}/complete}: checks the object the client PUT (there, of the declared
 * size, its first bytes of the declared type), stores it as media (an image re-encoded and thumbnailed as
 * {@code POST /api/media} does; anything else copied within the store to {@code media/<uploadId>}), and
 * records it with {@link RecordMedia}. The upload's row is locked throughout, so a second completion waits
 * for the first and answers the same media; an object refused is deleted with its row.
 */
@Service
class DirectUploadCompletion {

    private final FaultLog faults = new FaultLog(DirectUploadCompletion.class);

    private final DirectUploadProperties direct;
    private final PendingUploads pending;
    private final UploadObjects objects;
    private final MediaObjects media;
    private final MediaOwners owners;
    private final ImageCompression images;
    private final MediaTypes types = new MediaTypes();
    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final MediaUrls urls;
    private final Clock clock;

    DirectUploadCompletion(DirectUploadProperties direct, PendingUploads pending, UploadObjects objects, MediaObjects media,
                           MediaOwners owners, ImageCompression images, CommandGateway commands,
                           TransactionTemplate transaction, MediaUrls urls, Clock clock) {
        this.direct = direct;
        this.pending = pending;
        this.objects = objects;
        this.media = media;
        this.owners = owners;
        this.images = images;
        this.commands = commands;
        this.transaction = transaction;
        this.urls = urls;
        this.clock = clock;
    }

    /** What a completion came to: the media recorded, or a refusal whose deletions are to be committed. */
    private record Outcome(MediaAttachment media, RuntimeException refusal, boolean firstCompletion) {
    }

    ServedMedia complete(UserId owner, String uploadId) {
        Outcome outcome = transaction.execute(status -> completeLocked(owner, uploadId));
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        if (outcome.firstCompletion()) {
            deleteUploadObject(uploadId);
        }
        return ServedMedia.signed(outcome.media(), urls);
    }

    private Outcome completeLocked(UserId owner, String uploadId) {
        PendingUpload upload = pending.lockOwned(owner, uploadId);
        if (upload == null) {
            throw new UnknownUpload(uploadId);
        }
        if (upload.completed()) {
            return new Outcome(owners.ownedBy(owner, upload.mediaId()), null, false);
        }
        OptionalLong stored = objects.size(upload.objectKey());
        if (stored.isEmpty()) {
            throw new NothingUploaded(uploadId);
        }
        if (stored.getAsLong() != upload.size()) {
            return refused(upload, new UploadMismatch("the stored file has " + stored.getAsLong() + " bytes; "
                    + upload.size() + " were declared"));
        }
        if (!upload.contentType().equals(sniff(upload).orElse(null))) {
            return refused(upload, new UnsupportedMedia("the uploaded bytes are not " + upload.contentType()
                    + ", the type declared"));
        }
        MediaAttachment attachment;
        try {
            attachment = MediaTypes.isImage(upload.contentType()) ? storeImage(upload) : storeAsUploaded(upload);
        } catch (ErrorResponseException undecodable) {
            return refused(upload, undecodable);
        }
        commands.sendAndWait(new RecordMedia(upload.mediaId(), owner, attachment));
        pending.markCompleted(uploadId, clock.instant());
        return new Outcome(attachment, null, true);
    }

    private Optional<String> sniff(PendingUpload upload) {
        try (InputStream head = objects.head(upload.objectKey(), direct.sniffBytes())) {
            return types.sniff(head);
        } catch (IOException e) {
            throw new UncheckedIOException("the upload's first bytes could not be read", e);
        }
    }

    /** Read through this node once, to be decoded and re-encoded like any uploaded image (its metadata dropped). */
    private MediaAttachment storeImage(PendingUpload upload) {
        Path file = null;
        try {
            file = Files.createTempFile("parley-direct-", ".part");
            objects.download(upload.objectKey(), file);
            ProcessedImage image = images.compress(file, upload.contentType());
            return media.storeImage(upload.mediaId(), file, image);
        } catch (IOException e) {
            throw new UncheckedIOException("the upload could not be written to a temporary file", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the image was compressed", e);
        } finally {
            deleteQuietly(file);
        }
    }

    /**
     * Copied within the store, never through this node. Not content addressed (that would mean reading every
     * byte here to hash it), but the key is the upload's own and only the server writes under {@code media/},
     * so the object never changes and may be cached as long as any other.
     */
    private MediaAttachment storeAsUploaded(PendingUpload upload) {
        String key = "media/" + upload.uploadId();
        objects.copyToMedia(upload.objectKey(), key, upload.contentType());
        return new MediaAttachment(upload.mediaId(), upload.contentType(), upload.size(), null, null, key, null);
    }

    private Outcome refused(PendingUpload upload, RuntimeException refusal) {
        objects.delete(upload.objectKey());
        pending.delete(List.of(upload.uploadId()));
        return new Outcome(null, refusal, false);
    }

    /** The recorded media is its own object now; an upload object left here is deleted by the cleanup anyway. */
    private void deleteUploadObject(String uploadId) {
        try {
            objects.delete("uploads/" + uploadId);
        } catch (RuntimeException e) {
            faults.unexpected("an upload's object could not be deleted after completion", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temporary file: the operating system's clean-up of its temp folder takes it.
        }
    }
}
