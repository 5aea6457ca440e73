package dev.parley.platform.s3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** The bucket that holds media objects; created at start when missing (and allowed). */
public final class MediaBucket implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(MediaBucket.class);
    private static final long CHECK_AGAIN_AFTER_MS = 1000;

    private final S3Client s3;
    private final S3Properties properties;

    MediaBucket(S3Client s3, S3Properties properties) {
        this.s3 = s3;
        this.properties = properties;
    }

    public String name() {
        return properties.bucket();
    }

    /** Throws when the bucket is missing or the store does not answer. */
    void check() {
        s3.headBucket(request -> request.bucket(name()));
    }

    /**
     * {@link #check} again while the store does not answer at all, up to {@code parley.s3.bucket-check-wait}:
     * a store that is starting or busy should delay this service's start, not fail it (a cold S3Proxy took
     * more than the 8 s of one call on a loaded machine). An answer, even a refusal, ends the wait.
     */
    private void checkWhileTheStoreAnswers() {
        long deadline = System.nanoTime() + properties.bucketCheckWait().toNanos();
        int attempts = 0;
        while (true) {
            try {
                check();
                if (attempts > 0) {
                    log.info("the object store answered after {} failed bucket checks", attempts);
                }
                return;
            } catch (S3Exception answered) {
                throw answered;
            } catch (SdkClientException noAnswer) {
                attempts++;
                if (System.nanoTime() - deadline >= 0) {
                    throw new IllegalStateException("the object store did not answer a bucket check within "
                            + properties.bucketCheckWait() + " (parley.s3.bucket-check-wait)", noAnswer);
                }
                if (attempts == 1) {
                    log.info("the object store does not answer yet ({}); trying again for up to {}",
                            noAnswer.getMessage(), properties.bucketCheckWait());
                }
                try {
                    Thread.sleep(CHECK_AGAIN_AFTER_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the object store", interrupted);
                }
            }
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            checkWhileTheStoreAnswers();
        } catch (NoSuchBucketException missing) {
            if (!properties.createBucket()) {
                throw new IllegalStateException("media bucket " + name() + " does not exist and"
                        + " parley.s3.create-bucket is false: create it, or allow Parley to", missing);
            }
            s3.createBucket(request -> request.bucket(name()));
            log.info("created media bucket {}", name());
        }
    }
}
