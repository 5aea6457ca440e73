package dev.parley.command.media.direct;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** {@code 422}: the stored object is not the size that was declared (the store should have refused it). */
final class UploadMismatch extends ErrorResponseException {

    UploadMismatch(String detail) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, detail), null);
    }
}
