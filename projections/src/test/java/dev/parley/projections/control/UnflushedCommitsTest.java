package dev.parley.projections.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class UnflushedCommitsTest {

    /** A transaction manager that only records what happened to its one transaction. */
    static final class RecordingTransactions extends AbstractPlatformTransactionManager {
        boolean begun;
        boolean rolledBack;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun = true;
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rolledBack = true;
        }
    }

    @Test
    void aTransactionWhoseSettingFailsIsRolledBackSoTheNextBatchStartsAFreshOne() {
        RecordingTransactions transactions = new RecordingTransactions();
        JdbcTemplate deadConnection = new JdbcTemplate() {
            @Override
            public void execute(String sql) {
                throw new DataAccessResourceFailureException("Connection is closed");
            }
        };
        UnflushedCommits commits = new UnflushedCommits(transactions, deadConnection);

        assertThatThrownBy(commits::startTransaction).isInstanceOf(DataAccessResourceFailureException.class);

        assertThat(transactions.begun).isTrue();
        assertThat(transactions.rolledBack).isTrue();
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
        assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
    }
}
