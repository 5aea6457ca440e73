package dev.parley.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the web app's page is served.
 *
 * @param mediaOrigins     the origins the page may load media from and upload large files to, written into
 *                         its Content-Security-Policy; empty: the one media URLs are signed for
 *                         ({@code parley.media.public-endpoint}, else {@code parley.s3.endpoint}), and with
 *                         neither set (AWS S3) {@code https://*.amazonaws.com}
 * @param filesLocation    where the page and its modules are read from: the jar; a {@code file:} folder
 *                         (web-client/src/main/resources/META-INF/resources/) serves them as they are edited
 * @param libraryMaxAge    how long a browser keeps a library file (a WebJar, whose path names its version,
 *                         so a new version is a new URL)
 */
@ConfigurationProperties("parley.web-client")
public record WebClientProperties(
        @DefaultValue List<String> mediaOrigins,
        @DefaultValue("classpath:/META-INF/resources/") String filesLocation,
        @DefaultValue("365d") Duration libraryMaxAge) {
}
