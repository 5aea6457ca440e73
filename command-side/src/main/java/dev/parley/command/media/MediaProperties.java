package dev.parley.command.media;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Uploads through {@code POST /api/media} ({@code parley.media.*}).
 *
 * @param maxFileBytes           the largest file taken; larger is {@code 413}. Spring's multipart limit
 *                               ({@code spring.servlet.multipart.max-file-size}) follows it
 * @param dailyFiles             files a user may upload per UTC day; more is {@code 429} until the day ends
 * @param dailyBytes             bytes (as stored) a user may upload per UTC day, likewise
 * @param maxImagePixels         the most pixels an image (width x height, read from its header before any
 *                               decoding; all frames of an animated GIF together) may have; more is {@code 422}
 * @param maxImageEdgePixels     a stored image's longest edge; larger images are scaled down to it
 * @param thumbnailEdgePixels    a thumbnail's longest edge
 * @param jpegQuality            the quality images without transparency are re-encoded at (0 to 1), or a
 *                               JPEG's own when that is lower
 * @param concurrentImageDecodes images decoded at once on this node: a decoded image of the largest size
 *                               allowed takes {@code 4 x maxImagePixels} bytes of heap
 */
@ConfigurationProperties("parley.media")
public record MediaProperties(
        @DefaultValue("26214400") long maxFileBytes,
        @DefaultValue("500") int dailyFiles,
        @DefaultValue("1073741824") long dailyBytes,
        @DefaultValue("40000000") long maxImagePixels,
        @DefaultValue("2048") int maxImageEdgePixels,
        @DefaultValue("320") int thumbnailEdgePixels,
        @DefaultValue("0.82") float jpegQuality,
        @DefaultValue("2") int concurrentImageDecodes) {

    public MediaProperties {
        if (maxFileBytes < 1 || dailyFiles < 1 || dailyBytes < 1 || maxImagePixels < 1 || maxImageEdgePixels < 1
                || thumbnailEdgePixels < 1 || concurrentImageDecodes < 1) {
            throw new IllegalArgumentException("parley.media limits must be 1 or more");
        }
        if (jpegQuality <= 0 || jpegQuality > 1) {
            throw new IllegalArgumentException("parley.media.jpeg-quality must be above 0 and at most 1");
        }
    }
}
