package dev.parley.platform.outage;

import dev.parley.kernel.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The REST answer to a request that found a server out: {@code 503} with the protocol's {@code UNAVAILABLE}
 * and when to retry, both in the problem document ({@code retryAfterMs}) and in {@code Retry-After} (whole
 * seconds). The MVC routes and the security filters answer outages with it, so that a client sees one shape.
 */
public final class UnavailableAnswer {

    private final OutageProperties outage;

    public UnavailableAnswer(OutageProperties outage) {
        this.outage = outage;
    }

    /** The problem document, with {@code detail} in the caller's words (what could not be done). */
    public ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setProperty("code", ErrorCode.UNAVAILABLE.name());
        problem.setProperty("retryAfterMs", outage.retryAfter().toMillis());
        return problem;
    }

    /** The value of the {@code Retry-After} header. */
    public String retryAfterSeconds() {
        return Long.toString(outage.retryAfterSeconds());
    }
}
