package dev.parley.platform.s3;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** Up when the media bucket answers a HEAD request. */
public final class S3HealthIndicator extends AbstractHealthIndicator {

    private final MediaBucket bucket;

    S3HealthIndicator(MediaBucket bucket) {
        super("S3 media bucket is not reachable");
        this.bucket = bucket;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        bucket.check();
        builder.up().withDetail("bucket", bucket.name());
    }
}
