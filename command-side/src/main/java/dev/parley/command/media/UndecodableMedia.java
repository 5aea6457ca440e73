package dev.parley.command.media;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * {@code 422}: an upload of an allowed type whose content cannot be decoded (corrupt, truncated) or may
 * not be (more pixels than the budget). A REST answer only: the socket protocol has no upload.
 */
final class UndecodableMedia extends ErrorResponseException {

    UndecodableMedia(String detail) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, detail), null);
    }
}
