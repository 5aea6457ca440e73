package dev.parley.platform.web;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.RateLimited;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of a REST route as an RFC 9457 problem document: Spring MVC's own (malformed JSON, wrong
 * media type, ...) through the base class, and the chat's rules with their protocol code in {@code code}.
 * A rate limit's refusal also says when to come back: {@code Retry-After} in seconds, and
 * {@code retryAfterMs} in the document, as on the socket.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ChatException.class)
    ResponseEntity<ProblemDetail> refused(ChatException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.code().httpStatus()), e.getMessage());
        problem.setProperty("code", e.code().name());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus());
        if (e instanceof RateLimited limited) {
            problem.setProperty("retryAfterMs", limited.retryAfter().toMillis());
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        return answer.body(problem);
    }
}
