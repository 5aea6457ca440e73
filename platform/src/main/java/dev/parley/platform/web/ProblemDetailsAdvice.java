package dev.parley.platform.web;

import dev.parley.kernel.ChatException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of a REST route as an RFC 9457 problem document: Spring MVC's own (malformed JSON, wrong
 * media type, ...) through the base class, and the chat's rules with their protocol code in {@code code}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ChatException.class)
    ProblemDetail refused(ChatException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.code().httpStatus()), e.getMessage());
        problem.setProperty("code", e.code().name());
        return problem;
    }
}
