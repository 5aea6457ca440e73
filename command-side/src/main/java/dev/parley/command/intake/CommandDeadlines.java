package dev.parley.command.intake;

import dev.parley.kernel.ErrorCode;
import dev.parley.transport.CommandTransportProperties;
import dev.parley.transport.CommandHeaders;
import dev.parley.transport.CommandReply;
import dev.parley.transport.OverloadReport;
import dev.parley.transport.OverloadReport.Shed;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps a command whose sender has stopped waiting from taking effect. A command carries its sender's
 * deadline ({@link CommandHeaders#DEADLINE}); the sender answers its client {@code UNAVAILABLE} at that
 * moment if no reply has come. Two checks, both on this node's clock (the nodes' clocks are assumed
 * within a small part of the margins of each other, docs/architecture.md, "Deadlines and shedding"):
 *
 * <ol>
 * <li>Before deciding: a command with less than the decide margin left is answered {@code UNAVAILABLE}
 *     and not decided at all: no event, no change to its aggregate.</li>
 * <li>Before committing: a command is decided inside its polled batch's transaction, and stored only when
 *     that commits, after the rest of the batch. So the transaction commits only if every command decided
 *     in it still has the commit margin left (time enough for the commit and the reply's way back). If
 *     not, the commit throws a {@code DataAccessException}: the transaction rolls back, nothing of the
 *     batch is stored, and the consumer decides its commands again one by one, as it does when a commit
 *     fails, where the first check refuses those now too late. Once a batch is past that point, the rest
 *     of it is refused undecided rather than decided for nothing.</li>
 * </ol>
 */
@Component
class CommandDeadlines {

    /** The wall clock, as the sender's deadline is: not the aggregates' clock, which a test may fix. */
    private final Clock clock = Clock.systemUTC();
    private final long decideMarginMillis;
    private final long commitMarginMillis;
    private final OverloadReport overload;

    CommandDeadlines(CommandTransportProperties properties, OverloadReport overload) {
        this.decideMarginMillis = properties.decideMargin().toMillis();
        this.commitMarginMillis = properties.commitMargin().toMillis();
        this.overload = overload;
    }

    /**
     * The answer for a command that must not be decided (too close to its deadline, or a malformed one);
     * null when it may be decided. Within a transaction, that transaction's commit is then held to the
     * command's deadline.
     */
    CommandReply refusal(ConsumerRecord<String, byte[]> record) {
        long deadline;
        try {
            deadline = CommandHeaders.deadline(record.headers());
        } catch (NumberFormatException malformed) {
            return CommandReply.refusal(ErrorCode.BAD_REQUEST.name(), "the " + CommandHeaders.DEADLINE
                    + " header must be epoch milliseconds");
        }
        if (deadline == CommandHeaders.NO_DEADLINE) {
            return null;
        }
        Batch batch = currentBatch();
        long now = clock.millis();
        long left = deadline - now;
        if (left < decideMarginMillis) {
            if (batch == null) {
                overload.count(Shed.EXPIRED);
            } else {
                batch.expired++;
            }
            return CommandReply.refusal(ErrorCode.UNAVAILABLE.name(), "the command side could not decide this before its"
                    + " deadline (" + left + " ms left, " + decideMarginMillis + " ms needed); nothing was stored: retry");
        }
        if (batch != null) {
            if (batch.closing(now)) {
                // Deciding more of this batch would hold its commit past the commit margin of a command already
                // decided in it (Batch.beforeCommit would then roll it all back): the batch commits what it has.
                // Refused undecided, this command stores nothing, whether or not this answer is sent.
                return CommandReply.refusal(ErrorCode.UNAVAILABLE.name(),
                        "the command side is behind; nothing was stored: retry");
            }
            batch.earliestDeadline = Math.min(batch.earliestDeadline, deadline);
        }
        return null;
    }

    /** The current transaction's deadlines, registered with it on first use; null outside a transaction. */
    private Batch currentBatch() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Batch batch = (Batch) TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            batch = new Batch();
            TransactionSynchronizationManager.bindResource(this, batch);
            TransactionSynchronizationManager.registerSynchronization(batch);
        }
        return batch;
    }

    /** One transaction's earliest deadline among the commands decided in it, and the commands refused as expired. */
    private final class Batch implements TransactionSynchronization {

        long earliestDeadline = CommandHeaders.NO_DEADLINE;
        long expired;

        /**
         * Near that moment: a commit margin before it, so that what is decided can still commit in time.
         * Without this a backlog made whole batches miss it, roll back and be decided again one by one.
         */
        boolean closing(long now) {
            return earliestDeadline != CommandHeaders.NO_DEADLINE && now >= earliestDeadline - 2 * commitMarginMillis;
        }

        /** Past the moment by which a command decided in it had to be stored: this transaction cannot commit. */
        boolean doomed(long now) {
            return earliestDeadline != CommandHeaders.NO_DEADLINE && now >= earliestDeadline - commitMarginMillis;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            long now = clock.millis();
            if (doomed(now)) {
                long storeBy = earliestDeadline - commitMarginMillis;
                overload.count(Shed.BATCH_PAST_DEADLINE);
                // Not a TransactionException: Spring treats one thrown here as a failed commit and does not
                // roll back, and resetting the connection's auto-commit would then commit the batch.
                throw new BatchPastDeadline("a command of this batch had to be stored by " + Instant.ofEpochMilli(storeBy)
                        + " and it is " + (now - storeBy) + " ms later; nothing of the batch was stored");
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(CommandDeadlines.this);
            if (status == STATUS_COMMITTED) {
                // Counted only once answered: a batch rolled back is decided again, and counted then.
                overload.count(Shed.EXPIRED, expired);
            }
        }
    }

    /** A batch that ran too close to a deadline of a command in it: rolled back, its commands decided again alone. */
    static final class BatchPastDeadline extends TransientDataAccessException {

        BatchPastDeadline(String message) {
            super(message);
        }
    }
}
