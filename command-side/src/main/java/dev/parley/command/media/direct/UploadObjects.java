package dev.parley.command.media.direct;

import dev.parley.command.media.MediaObjects;
import dev.parley.platform.s3.MediaBucket;
import dev.parley.platform.s3.PresignedMediaUrls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The objects of direct uploads in the media bucket: {@code uploads/<uploadId>}, where the client PUTs its
 * bytes, and what completing does with them. Only the server writes under {@code media/}, so an object
 * there never changes, while an upload's key may be written again for as long as its PUT URL lives.
 */
@Component
class UploadObjects {

    private final S3Client s3;
    private final PresignedMediaUrls clientUrls;
    private final MediaBucket bucket;

    UploadObjects(S3Client s3, PresignedMediaUrls clientUrls, MediaBucket bucket) {
        this.s3 = s3;
        this.clientUrls = clientUrls;
        this.bucket = bucket;
    }

    /**
     * A PUT of exactly {@code size} bytes of {@code contentType} to {@code key}, signed for the host clients
     * reach the store by (the media cache in Compose), as the media's GETs are: the store refuses a body of
     * any other length or another type.
     */
    PresignedPutObjectRequest presignPut(String key, String contentType, long size, Duration ttl) {
        return clientUrls.signedPut(key, contentType, size, ttl);
    }

    /** The object's size, or empty when nothing is stored under the key. */
    OptionalLong size(String key) {
        try {
            return OptionalLong.of(s3.headObject(request -> request.bucket(bucket.name()).key(key)).contentLength());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /** The object's first {@code bytes} bytes, with one ranged GET: the caller closes it. */
    InputStream head(String key, int bytes) {
        return s3.getObject(request -> request.bucket(bucket.name()).key(key).range("bytes=0-" + (bytes - 1)));
    }

    /** Copies the whole object to a file (for an image, which is decoded and re-encoded from it). */
    void download(String key, Path file) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request -> request.bucket(bucket.name()).key(key))) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Copies the object within the store (no byte passes through this node) to a key of its own, immutable. */
    void copyToMedia(String key, String mediaKey, String contentType) {
        s3.copyObject(request -> request.sourceBucket(bucket.name()).sourceKey(key)
                .destinationBucket(bucket.name()).destinationKey(mediaKey)
                .metadataDirective(MetadataDirective.REPLACE).contentType(contentType)
                .cacheControl(MediaObjects.CACHE_CONTROL));
    }

    /** Deletes the object; deleting a key that holds none is no error. */
    void delete(String key) {
        s3.deleteObject(request -> request.bucket(bucket.name()).key(key));
    }
}
