package dev.parley.kernel.media;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;

/**
 * What a message carries about its media, resolved on the write side when the message is sent, so that
 * the event is whole by itself: the push, the read models and an export need no second lookup. It names
 * the stored objects, never a URL: URLs expire, so they are signed each time a message is served.
 *
 * @param size         bytes of the stored object (after compression, for images)
 * @param width        pixels, for images and videos whose size is known; else null
 * @param height       pixels, as {@code width}
 * @param objectKey    the stored object's key in the media bucket
 * @param thumbnailKey the thumbnail's key, or null when the type has none
 */
public record MediaAttachment(MediaId mediaId, String contentType, long size, Integer width, Integer height,
                              String objectKey, String thumbnailKey) {

    public MediaAttachment {
        InvalidInput.require("mediaId", mediaId);
        InvalidInput.require("contentType", contentType);
        InvalidInput.require("objectKey", objectKey);
        if (size < 0) {
            throw new InvalidInput("size must not be negative");
        }
    }
}
