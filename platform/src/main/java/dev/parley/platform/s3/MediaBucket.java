package dev.parley.platform.s3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** The bucket that holds media objects; created at start when missing (and allowed). */
public final class MediaBucket implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(MediaBucket.class);

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

    @Override
    public void afterSingletonsInstantiated() {
        try {
            check();
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
