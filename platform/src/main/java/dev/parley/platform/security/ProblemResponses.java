package dev.parley.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ErrorCode;
import dev.parley.platform.logging.FaultLog;
import dev.parley.platform.outage.OutageProperties;
import dev.parley.platform.outage.ServerOutages;
import dev.parley.platform.outage.UnavailableAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refusals by the security filters, as RFC 9457 problem documents like every other error. A token that
 * could not be checked because a server is out (the revoked sessions in Redis) is {@code 503 UNAVAILABLE}
 * with {@code Retry-After}, not {@code 401}: the token may be good, and is refused only until Redis is back.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final FaultLog faults = new FaultLog(ProblemResponses.class);
    private final ObjectMapper json;
    private final UnavailableAnswer unavailable;

    ProblemResponses(ObjectMapper json, OutageProperties outage) {
        this.json = json;
        this.unavailable = new UnavailableAnswer(outage);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (ServerOutages.isOutage(e)) {
            faults.unexpected("a token could not be checked: a server is unreachable", e);
            response.setHeader(HttpHeaders.RETRY_AFTER, unavailable.retryAfterSeconds());
            write(request, response, unavailable.problem("the token cannot be checked now; retry after a moment"));
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, "a valid bearer token is required");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, "this token may not do this");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ErrorCode code,
                       String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code.name());
        write(request, response, problem);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
