package dev.parley.command.media.direct;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** {@code 404}: no upload of this id, or someone else's, told apart by nothing (ids cannot be probed). */
final class UnknownUpload extends ChatException {

    UnknownUpload(String uploadId) {
        super(ErrorCode.NOT_FOUND, "no upload " + uploadId);
    }
}
