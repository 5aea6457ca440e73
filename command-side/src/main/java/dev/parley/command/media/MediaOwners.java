package dev.parley.command.media;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaAttachment;

/** Which stored media belongs to whom: a message or an avatar may name only its sender's own media. */
public interface MediaOwners {

    /**
     * The media {@code media} as a message carries it, if {@code owner} uploaded it; else null, the same
     * for an unknown id as for someone else's, so that ids cannot be probed.
     */
    MediaAttachment ownedBy(UserId owner, MediaId media);
}
