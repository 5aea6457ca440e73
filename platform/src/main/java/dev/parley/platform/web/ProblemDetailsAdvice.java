package dev.parley.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;
import dev.parley.platform.logging.FaultLog;
import dev.parley.platform.outage.OutageProperties;
import dev.parley.platform.outage.ServerOutages;
import dev.parley.platform.outage.UnavailableAnswer;
import java.util.Arrays;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.springframework.beans.TypeMismatchException;
import dev.parley.kernel.RateLimited;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of a REST route as an RFC 9457 problem document with the protocol's code in {@code code}:
 * the chat's rules with their own words; Spring MVC's own refusals (malformed JSON, a parameter of the
 * wrong type, an unknown route) with fixed words of ours, since Spring's and Jackson's quote the input,
 * class names and parser internals; and anything unexpected as {@code 500 INTERNAL}, its detail logged
 * for operators ({@link FaultLog}), never sent.
 * A rate limit's refusal also says when to come back: {@code Retry-After} in seconds, and
 * {@code retryAfterMs} in the document, as on the socket. A server that could not be reached in time
 * ({@link ServerOutages}) is {@code 503 UNAVAILABLE} with {@code Retry-After} ({@code parley.outage.retry-after}):
 * the same request succeeds once it is back.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private final FaultLog faults = new FaultLog(ProblemDetailsAdvice.class);
    private final UnavailableAnswer unavailable;

    ProblemDetailsAdvice(OutageProperties outage) {
        this.unavailable = new UnavailableAnswer(outage);
    }

    @ExceptionHandler(ChatException.class)
    ResponseEntity<ProblemDetail> refused(ChatException e) {
        ProblemDetail problem = problem(HttpStatus.valueOf(e.code().httpStatus()), e.code(), e.getMessage());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus());
        if (e instanceof RateLimited limited) {
            problem.setProperty("retryAfterMs", limited.retryAfter().toMillis());
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        return answer.body(problem);
    }

    /** A failure no route expected: a fault of the server, told apart from the client's by its log line only. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e.getClass().getName().startsWith("org.springframework.security.")) {
            throw e; // a refusal of the security layer, which answers it itself (401 or 403)
        }
        if (ServerOutages.isOutage(e)) {
            // Counted, not logged per request: an outage fails every request until the server is back.
            faults.unexpected("a REST request found a server unreachable", e);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, unavailable.retryAfterSeconds())
                    .body(unavailable.problem("a server Parley needs is unavailable; retry after a moment"));
        }
        faults.unexpected("a REST request failed", e);
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, "the server failed to answer; retry"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        BodyTooLarge tooLarge = ExceptionUtils.throwableOfType(e, BodyTooLarge.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    ErrorCode.TOO_LARGE, "the request body is larger than " + tooLarge.maxBodyBytes() + " bytes"));
        }
        ChatException rule = ExceptionUtils.throwableOfType(e, ChatException.class);
        if (rule != null) { // a value the body's record refused while being read (an id of the wrong shape)
            return ResponseEntity.status(rule.code().httpStatus()).body(refused(rule).getBody());
        }
        JsonMappingException mapping = ExceptionUtils.throwableOfType(e, JsonMappingException.class);
        String field = mapping == null ? "" : JsonFieldPath.of(mapping);
        String detail = field.isEmpty() ? "the request body is not the JSON object this route takes"
                : field + " has the wrong type";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST, detail));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = e.getPropertyName() == null ? "a parameter" : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        boolean integral = type != null && Arrays.asList(Long.class, long.class, Integer.class, int.class).contains(type);
        String detail = integral ? name + " must be an integer within its range" : name + " has the wrong type";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST, detail));
    }

    /**
     * Spring's other refusals (an unknown route, a method or media type the route does not take, a
     * parameter missing): their status, our words. An {@link ErrorResponseException} (such as a
     * {@code ResponseStatusException}) is thrown by code that chose its detail, and keeps it.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (body == null && e instanceof ErrorResponse response) {
            // Some of Spring's refusals (an upload past the multipart limit) come without their body yet.
            body = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem) {
            if (!(e instanceof ErrorResponseException)) {
                problem.setDetail(wordsFor(e, status));
            }
            problem.setProperty("code", codeOf(status).name());
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static String wordsFor(Exception e, HttpStatusCode status) {
        if (e instanceof org.springframework.web.bind.MissingServletRequestParameterException missing) {
            return missing.getParameterName() + " is required";
        }
        if (e instanceof HttpMediaTypeNotSupportedException unsupported && unsupported.getSupportedMediaTypes().size() == 1) {
            // A route that names the one type it consumes (an upload's multipart), rather than JSON.
            return "this route takes " + unsupported.getSupportedMediaTypes().get(0);
        }
        return switch (status.value()) {
            case 400 -> "the request is malformed";
            case 404 -> "no such route";
            case 405 -> "this route does not take this method";
            case 406 -> "this route cannot answer in an accepted media type";
            case 413 -> "the request is too large";
            case 415 -> "this route takes application/json";
            case 503 -> "the server is unavailable; retry";
            default -> status.is5xxServerError() ? "the server failed to answer; retry" : "the request was refused";
        };
    }

    private static ErrorCode codeOf(HttpStatusCode status) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.httpStatus() == status.value()) {
                return code;
            }
        }
        return status.is5xxServerError() ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
    }

    private static ProblemDetail problem(HttpStatus status, ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code.name());
        return problem;
    }
}
