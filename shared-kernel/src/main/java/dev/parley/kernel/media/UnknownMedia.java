package dev.parley.kernel.media;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.MediaId;

/**
 * A media id that names nothing the user may use: unknown, or someone else's. Both get these same words,
 * so that nobody can learn which ids exist by trying them.
 */
public final class UnknownMedia extends ChatException {

    public UnknownMedia(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }

    public static UnknownMedia of(MediaId media) {
        return new UnknownMedia("no media " + media);
    }
}
