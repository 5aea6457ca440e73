package dev.parley.platform.s3;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.kernel.media.MediaUrls;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Signs the URLs clients use in the media bucket, for the host they reach it by ({@code
 * parley.media.public-endpoint} when set): the GETs of media, and the PUT of a direct upload. GETs are signed
 * with the S3 presigner: no call to the store, but not free
 * either (about 50 to 80 µs a URL through the SDK on this machine, docs/benchmarks.md). So a URL signed for
 * an object is handed out again for {@code reuse}, and every URL handed out still has at least
 * {@code ttl - reuse} to live. Reuse also lets a browser's cache, which keys on the whole URL, hit when the
 * same image comes back in a push, a page of history and the conversation list.
 */
public final class PresignedMediaUrls implements MediaUrls {

    private final S3Presigner presigner;
    private final String bucket;
    private final Duration ttl;
    private final Cache<String, String> recent;

    /**
     * @param reuse     how long a signed URL is handed out again; zero signs every time
     * @param maxReused the most URLs kept for reuse (about 400 bytes each)
     */
    public PresignedMediaUrls(S3Presigner presigner, String bucket, Duration ttl, Duration reuse, long maxReused) {
        if (reuse.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("parley.media.url-reuse (" + reuse + ") must be shorter than"
                    + " parley.media.url-ttl (" + ttl + "): a reused URL would be handed out expired");
        }
        this.presigner = presigner;
        this.bucket = bucket;
        this.ttl = ttl;
        this.recent = reuse.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(reuse).maximumSize(maxReused).build();
    }

    @Override
    public String signedGet(String objectKey) {
        return recent == null ? freshGet(objectKey) : recent.get(objectKey, this::freshGet);
    }

    /**
     * A PUT of exactly {@code size} bytes of {@code contentType} to {@code objectKey}, for a client: both
     * headers are signed into the URL, so the store refuses a body of any other length or another type.
     */
    public PresignedPutObjectRequest signedPut(String objectKey, String contentType, long size, Duration lifetime) {
        return presigner.presignPutObject(request -> request.signatureDuration(lifetime)
                .putObjectRequest(put -> put.bucket(bucket).key(objectKey).contentType(contentType).contentLength(size)));
    }

    /** A URL signed now, which lives the whole {@code ttl}: for a redirect that may be cached. */
    public String freshGet(String objectKey) {
        return presigner.presignGetObject(request -> request.signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(bucket).key(objectKey))).url().toString();
    }
}
