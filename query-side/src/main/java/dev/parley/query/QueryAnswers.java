package dev.parley.query;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.commons.lang3.exception.ExceptionUtils;

/** Waits for a query's answer on behalf of a route, turning a handler's refusal back into the protocol error. */
public final class QueryAnswers {

    private QueryAnswers() {
    }

    /** The handler's answer, or its refusal as the protocol error it is (the advice turns it into problem+json). */
    public static <T> T answer(CompletableFuture<T> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            ChatException refusal = ExceptionUtils.throwableOfType(e.getCause(), ChatException.class);
            if (refusal != null) {
                throw refusal;
            }
            throw new IllegalStateException("the query failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(ErrorCode.UNAVAILABLE, "interrupted while reading");
        }
    }
}
