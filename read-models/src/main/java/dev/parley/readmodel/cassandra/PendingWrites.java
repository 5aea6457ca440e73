package dev.parley.readmodel.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a projection's Cassandra writes without waiting for each, and waits for all of a batch's writes
 * before the batch commits (before its token moves). Only for writes whose order does not matter (see
 * the projections), but for one step: writes that announce the others go out once those are done.
 *
 * <p>A failed write fails the batch, which the processor then handles again: nothing is skipped. So that
 * one event whose write Cassandra refuses every time (a key over its size limit, say) cannot stop the
 * processor for good, the batches after a failure are written one write at a time: a refused write then
 * fails inside its event's handler, where the dead-letter queue takes that event (and its sequence), and
 * the rest of the batch is written. A failure that may pass (a timeout, no replica) still fails the whole
 * batch, to be retried; the dead-letter queue is for events, not outages. After a batch written that
 * way commits, writes are sent together again.
 */
public class PendingWrites {

    private static final Logger log = LoggerFactory.getLogger(PendingWrites.class);
    private static final String RESOURCE = PendingWrites.class.getName();

    private final CqlSession cassandra;
    /** Set when a batch's writes failed; shared by the processors, as one failed batch costs them little. */
    private final AtomicBoolean oneByOne = new AtomicBoolean();

    PendingWrites(CqlSession cassandra) {
        this.cassandra = cassandra;
    }

    public void send(Statement<?> statement) {
        Batch batch = batch();
        if (!batch.oneByOne()) {
            batch.sent().add(cassandra.executeAsync(statement).toCompletableFuture());
            return;
        }
        try {
            cassandra.execute(statement);
        } catch (QueryValidationException refusedForGood) {
            throw refusedForGood; // in the handler: the dead-letter queue takes this event
        } catch (DriverException mayPass) {
            batch.sent().add(CompletableFuture.failedFuture(mayPass)); // fails the batch, which is retried whole
        }
    }

    /**
     * Like {@link #send}, but sent once every write {@link #send} took for the batch has completed (still
     * before the batch commits): for a write that announces the others. A conversation's {@code last_seq}
     * goes out after its messages' rows, so a reader told that seq finds its message. Written one at a
     * time, writes already go out in the order the handlers make them.
     */
    public void sendAfterTheOthers(Statement<?> statement) {
        Batch batch = batch();
        if (batch.oneByOne()) {
            send(statement);
        } else {
            batch.after().add(statement);
        }
    }

    /**
     * A batch's writes: those sent, and those waiting for them. A batch is written one way throughout, the
     * way chosen when its first write was made, so that a write sent after the others cannot overtake them.
     */
    private record Batch(boolean oneByOne, List<CompletableFuture<?>> sent, List<Statement<?>> after) {
    }

    private Batch batch() {
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        return unit.getOrComputeResource(RESOURCE, key -> {
            Batch batch = new Batch(oneByOne.get(), new ArrayList<>(), new ArrayList<>());
            unit.onPrepareCommit(committing -> {
                try {
                    await(batch.sent());
                    List<CompletableFuture<?>> announcing = new ArrayList<>(batch.after().size());
                    batch.after().forEach(statement -> announcing.add(cassandra.executeAsync(statement).toCompletableFuture()));
                    await(announcing);
                } catch (RuntimeException failed) {
                    if (oneByOne.compareAndSet(false, true)) {
                        log.warn("a batch of Cassandra writes failed; writing one at a time until a batch succeeds: {}",
                                failed.toString());
                    }
                    throw failed;
                }
            });
            if (batch.oneByOne()) {
                unit.afterCommit(committed -> oneByOne.set(false));
            }
            return batch;
        });
    }

    private static void await(List<CompletableFuture<?>> writes) {
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }
}
