package dev.parley.readmodel.redis;

import dev.parley.platform.outage.ServerOutages;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DataAccessException;

/**
 * Keeps a Redis outage out of the projections' dead-letter queue: the dead-letter queue is for events, not
 * for a server that is down.
 *
 * <p>Inside a projection's batch (an Axon unit of work), a Redis write that fails because Redis could not be
 * reached, did not answer in time, or refused for a reason of its own (out of memory, read-only) does not
 * fail its handler, which would park the event (and its
 * conversation's later events) for the dead letters' five-minute retries. It fails the batch instead, just
 * before the batch commits: the token stays where it was and the processor handles the batch again, once
 * Redis answers, as it does when a batch's Cassandra writes fail ({@code PendingWrites}). The batch's later
 * Redis writes are skipped meanwhile, rather than each waiting out the client's timeout. An error about the
 * command itself (a script error, a wrong type) is the event's, and is thrown as it is. Outside a batch
 * (the push fan-out applying a membership event) every failure is thrown as it is.
 */
public final class RedisOutages {

    private static final String RESOURCE = RedisOutages.class.getName();

    private RedisOutages() {
    }

    /** The write's result, or {@code skipped} when Redis is out and the write's batch will be handled again. */
    public static <T> T write(Supplier<T> write, T skipped) {
        if (!CurrentUnitOfWork.isStarted()) {
            return write.get();
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (batch.resources().containsKey(RESOURCE)) {
            return skipped;
        }
        try {
            return write.get();
        } catch (DataAccessException failure) {
            if (!isOutage(failure)) {
                throw failure;
            }
            batch.resources().put(RESOURCE, failure);
            batch.onPrepareCommit(committing -> {
                throw new RedisOutageException(failure);
            });
            return skipped;
        }
    }

    /** True unless Redis answered the command with an error about the command itself (a script error, a wrong type). */
    static boolean isOutage(Throwable failure) {
        return !ServerOutages.isRedisCommandError(failure);
    }

    /** Fails a projection's batch whose Redis writes could not be made; the processor handles it again. */
    static final class RedisOutageException extends RuntimeException {
        RedisOutageException(Throwable cause) {
            super("Redis could not be reached; the batch will be handled again: " + cause.getMessage(), cause);
        }
    }
}
