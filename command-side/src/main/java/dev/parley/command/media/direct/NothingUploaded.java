package dev.parley.command.media.direct;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** {@code 409}: completing an upload whose bytes have not reached the store; the upload stays, to be PUT and completed. */
final class NothingUploaded extends ChatException {

    NothingUploaded(String uploadId) {
        super(ErrorCode.CONFLICT, "nothing is stored for upload " + uploadId + " yet: PUT the file to its url, then"
                + " complete it");
    }
}
