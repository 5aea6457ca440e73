package dev.parley.command;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's transactions on the command side. Inside a transaction already running (the command consumer's
 * batch) a unit of work, and the event store's append within it, simply join it: no savepoint, no
 * statement of their own, and their commit and rollback do nothing, the batch's commit decides. That is
 * safe because a refused command writes nothing (a handler refuses before anything is appended), and a
 * command that fails in the store fails its whole batch, which is then decided again one command per
 * transaction. Savepoints cost two round trips each, and Axon asked for two per command; past 64 in one
 * transaction PostgreSQL's subtransaction cache overflows as well. Outside a transaction (the REST routes,
 * the snapshotter's thread) each unit of work has a transaction of its own.
 */
final class JoinedTransactions implements TransactionManager {

    private final TransactionManager own;

    JoinedTransactions(PlatformTransactionManager transactions) {
        this.own = new SpringTransactionManager(transactions);
    }

    @Override
    public Transaction startTransaction() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return NoTransactionManager.INSTANCE.startTransaction();
        }
        return own.startTransaction();
    }
}
