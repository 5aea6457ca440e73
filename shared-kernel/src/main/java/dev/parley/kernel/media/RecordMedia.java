package dev.parley.kernel.media;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;

/**
 * Records an upload whose bytes are already checked and stored (both upload routes end here), so that
 * the media exists as an event like every other change. Recording the same id again changes nothing.
 */
public record RecordMedia(MediaId mediaId, UserId ownerId, MediaAttachment media) implements MediaCommand {

    public RecordMedia {
        InvalidInput.require("mediaId", mediaId);
        InvalidInput.require("ownerId", ownerId);
        InvalidInput.require("media", media);
        if (!media.mediaId().equals(mediaId)) {
            throw new InvalidInput("media describes another mediaId");
        }
    }
}
