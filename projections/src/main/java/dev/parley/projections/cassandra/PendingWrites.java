package dev.parley.projections.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Sends a projection's Cassandra writes without waiting for each, and waits for all of a batch's writes
 * before the batch commits (before its token moves). A failed write fails the batch, which is then
 * handled again: nothing is skipped. Only for writes whose order does not matter (see the projection).
 */
@Component
public class PendingWrites {

    private static final String RESOURCE = PendingWrites.class.getName();

    private final CqlSession cassandra;

    PendingWrites(CqlSession cassandra) {
        this.cassandra = cassandra;
    }

    public void send(Statement<?> statement) {
        pending().add(cassandra.executeAsync(statement).toCompletableFuture());
    }

    private List<CompletableFuture<?>> pending() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(RESOURCE, key -> {
            List<CompletableFuture<?>> writes = new ArrayList<>();
            batch.onPrepareCommit(unit -> CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join());
            return writes;
        });
    }
}
