package dev.parley.projections.control;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A read model's transactions (its token, its dead letters) commit without waiting for the WAL to reach
 * the disk. A commit lost in a crash only moves the token back, so events are handled again, which every
 * read model absorbs (its writes are idempotent). Waiting would spend a disk flush per batch of every
 * processor, flushes the command side needs for what it acknowledges to clients.
 */
final class UnflushedCommits implements TransactionManager {

    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;

    UnflushedCommits(PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.transactions = new SpringTransactionManager(transactions);
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = transactions.startTransaction();
        try {
            jdbc.execute("SET LOCAL synchronous_commit TO OFF");
        } catch (RuntimeException e) {
            // Left open, the transaction would stay bound to this thread with its dead connection, and
            // every later batch of the processor would join it and fail, long after PostgreSQL is back.
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
