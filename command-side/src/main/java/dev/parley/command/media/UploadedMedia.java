package dev.parley.command.media;

import dev.parley.kernel.MediaId;

/**
 * The answer to an upload: the media as stored, and URLs of it signed now (they expire; a message carries
 * the media id, and URLs are signed again each time it is served).
 */
public record UploadedMedia(MediaId mediaId, String contentType, long size, Integer width, Integer height, String url,
                            String thumbnailUrl) {
}
