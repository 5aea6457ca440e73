package dev.parley.command.media;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.platform.s3.MediaBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The media bucket's objects, content addressed: a key is derived from the SHA-256 of the bytes it holds
 * ({@code media/<sha256>}, {@code thumbs/<sha256>}), so an object never changes once written, the same bytes
 * uploaded twice are one object, and a CDN may cache it for a year.
 */
@Component
public class MediaObjects {

    /** Objects never change under their key: caches anywhere may keep them as long as they like. */
    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final S3Client s3;
    private final MediaBucket bucket;

    MediaObjects(S3Client s3, MediaBucket bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Stores a compressed image and its thumbnail (the upload itself when the compression kept it, an
     * animated GIF); answers the attachment that names them. Both upload routes store images through here.
     */
    public MediaAttachment storeImage(MediaId mediaId, Path upload, ProcessedImage image) {
        try {
            long size = image.keepsOriginal() ? Files.size(upload) : image.bytes().length;
            String key = image.keepsOriginal() ? put("media", upload, image.contentType())
                    : put("media", image.bytes(), image.contentType());
            String thumbnailKey = put("thumbs", image.thumbnail(), image.thumbnailType());
            return new MediaAttachment(mediaId, image.contentType(), size, image.width(), image.height(), key, thumbnailKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the bytes of a stored image or thumbnail; answers its key. */
    String put(String folder, byte[] bytes, String contentType) {
        String key = folder + "/" + HexFormat.of().formatHex(sha256().digest(bytes));
        put(key, RequestBody.fromBytes(bytes), contentType);
        return key;
    }

    /** Stores a file as uploaded, streamed from disk; answers its key. */
    String put(String folder, Path file, String contentType) {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = folder + "/" + HexFormat.of().formatHex(digest.digest());
        put(key, RequestBody.fromFile(file), contentType);
        return key;
    }

    private void put(String key, RequestBody body, String contentType) {
        s3.putObject(request -> request.bucket(bucket.name()).key(key).contentType(contentType)
                .cacheControl(CACHE_CONTROL), body);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
