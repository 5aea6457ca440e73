package dev.parley.command.media;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.TooLarge;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.MediaUrls;
import dev.parley.kernel.media.RecordMedia;
import dev.parley.kernel.media.ServedMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/media}'s steps: size and quota, the type from the bytes, images re-encoded, the objects
 * stored, and the media recorded with {@link RecordMedia}. The upload is on disk throughout (Spring's
 * multipart writes each part to a file, and the work here reads from it), never whole in memory.
 */
@Service
class MediaUploads {

    private final MediaProperties limits;
    private final MediaTypes types;
    private final ImageCompression images;
    private final MediaObjects objects;
    private final MediaQuota quota;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final MediaUrls urls;

    MediaUploads(MediaProperties limits, ImageCompression images, MediaObjects objects, MediaQuota quota,
                 CommandGateway commands, TransactionTemplate transaction, MediaUrls urls) {
        this.limits = limits;
        this.types = new MediaTypes();
        this.images = images;
        this.objects = objects;
        this.quota = quota;
        this.commands = commands;
        this.transaction = transaction;
        this.urls = urls;
    }

    ServedMedia upload(UserId owner, MultipartFile upload) throws InterruptedException {
        if (upload.getSize() > limits.maxFileBytes()) {
            throw new TooLarge("a file may have at most " + limits.maxFileBytes() + " bytes");
        }
        quota.requireRoom(owner);
        Path file = null;
        try {
            file = Files.createTempFile("parley-upload-", ".part");
            upload.transferTo(file);
            String type = sniff(file);
            MediaId mediaId = MediaId.random();
            return MediaTypes.isImage(type) ? storeImage(owner, mediaId, file, type) : storeAsUploaded(owner, mediaId, file, type);
        } catch (IOException e) {
            throw new UncheckedIOException("the upload could not be written to a temporary file", e);
        } finally {
            deleteQuietly(file);
        }
    }

    private String sniff(Path file) throws IOException {
        return types.sniff(file).orElseThrow(() -> new UnsupportedMedia("the file is of no allowed type (JPEG, PNG,"
                + " GIF, WebP, MP4, MP3, AAC, Ogg audio, PDF), whatever its name or Content-Type says"));
    }

    private ServedMedia storeImage(UserId owner, MediaId mediaId, Path file, String type) throws IOException,
            InterruptedException {
        ProcessedImage image = images.compress(file, type);
        long size = image.keepsOriginal() ? Files.size(file) : image.bytes().length;
        quota.charge(owner, size);
        try {
            return record(owner, objects.storeImage(mediaId, file, image));
        } catch (RuntimeException failed) {
            quota.refund(owner, size);
            throw failed;
        }
    }

    private ServedMedia storeAsUploaded(UserId owner, MediaId mediaId, Path file, String type) throws IOException {
        long size = Files.size(file);
        quota.charge(owner, size);
        try {
            String key = objects.put("media", file, type);
            return record(owner, new MediaAttachment(mediaId, type, size, null, null, key, null));
        } catch (RuntimeException failed) {
            quota.refund(owner, size);
            throw failed;
        }
    }

    /** Answered only once the event is stored: the id may be sent in a message as soon as the client has it. */
    private ServedMedia record(UserId owner, MediaAttachment media) {
        transaction.executeWithoutResult(status -> commands.sendAndWait(new RecordMedia(media.mediaId(), owner, media)));
        // Signed as a message's media is when served (parley.media.url-ttl, public-endpoint), so the answer's
        // URLs work wherever a pushed message's do.
        return ServedMedia.signed(media, urls);
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
