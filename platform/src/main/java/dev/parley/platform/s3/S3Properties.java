package dev.parley.platform.s3;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The object store for media. Leave {@code endpoint} and the keys unset to use AWS S3 with the default
 * credential chain; set them for any S3-compatible store (MinIO, S3Proxy), which wants path-style access.
 */
@ConfigurationProperties("parley.s3")
public record S3Properties(
        URI endpoint,
        String accessKey,
        String secretKey,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("parley-media") String bucket,
        @DefaultValue("true") boolean pathStyle,
        @DefaultValue("true") boolean createBucket) {
}
