package dev.parley.platform.s3;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How media URLs are signed when media is served.
 *
 * @param urlTtl               how long a signed URL fetches its object
 * @param publicEndpoint       the scheme, host and port clients fetch objects from, when it is not
 *                             {@code parley.s3.endpoint} (a caching proxy or CDN in front of the store);
 *                             the URL is signed for this host, so the proxy must pass the path and query
 *                             unchanged and send the store this same {@code Host}; unset: the S3 endpoint
 * @param redirectCacheMargin  a redirect to a signed URL may be cached for {@code urlTtl} less this, so that
 *                             a cached redirect never points to a URL about to expire
 * @param urlReuse             a URL signed for an object is handed out again for this long (shorter than
 *                             {@code urlTtl}; zero signs every time): signing costs tens of microseconds,
 *                             and a browser caches an image by its whole URL
 * @param maxReusedUrls        the most signed URLs kept for reuse
 */
@ConfigurationProperties("parley.media")
public record MediaUrlProperties(
        @DefaultValue("15m") Duration urlTtl,
        URI publicEndpoint,
        @DefaultValue("1m") Duration redirectCacheMargin,
        @DefaultValue("5m") Duration urlReuse,
        @DefaultValue("100000") long maxReusedUrls) {

    /** What a redirect to a URL signed now may be cached for: never negative. */
    public Duration redirectMaxAge() {
        Duration age = urlTtl.minus(redirectCacheMargin);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
