package dev.parley.command.media;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** {@code 415}: an upload whose bytes are of no allowed type, whatever its name or Content-Type claim. */
public final class UnsupportedMedia extends ErrorResponseException {

    public UnsupportedMedia(String detail) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail), null);
    }
}
