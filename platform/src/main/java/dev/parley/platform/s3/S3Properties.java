package dev.parley.platform.s3;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The object store for media. Leave {@code endpoint} and the keys unset to use AWS S3 with the default
 * credential chain; set them for any S3-compatible store (MinIO, S3Proxy), which wants path-style access.
 * Media bytes go between clients and the store over presigned URLs, so Parley's own calls are small: they
 * get short timeouts instead of the SDK's none, so that a store that does not answer makes a media route
 * answer {@code 503} in seconds.
 *
 * @param apiCallAttemptTimeout one HTTP attempt of a call
 * @param apiCallTimeout        a whole call, the SDK's retries included
 * @param manageBucket          whether this service checks (and creates) the bucket at start and reports
 *                              S3's health; false where it only signs URLs (the push nodes)
 * @param bucketCheckWait       how long that check at start keeps trying while the store does not answer
 *                              (starting, restarting, or slow on a loaded machine) before the service fails
 */
@ConfigurationProperties("parley.s3")
public record S3Properties(
        URI endpoint,
        String accessKey,
        String secretKey,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("parley-media") String bucket,
        @DefaultValue("true") boolean pathStyle,
        @DefaultValue("true") boolean createBucket,
        @DefaultValue("3s") Duration apiCallAttemptTimeout,
        @DefaultValue("8s") Duration apiCallTimeout,
        @DefaultValue("true") boolean manageBucket,
        @DefaultValue("60s") Duration bucketCheckWait) {
}
