package dev.parley.command.publishing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import dev.parley.platform.logging.OutageLog;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes again the events of outbox rows whose publisher did not see them acknowledged: a node that
 * crashed between a commit and Kafka's acknowledgement, or lost its connection to Kafka.
 *
 * <ul>
 *   <li>When a command consumer is assigned partitions of the commands topic, it first publishes the rows
 *       of commands from those partitions, before deciding anything new: so after a crash the events
 *       reach the topic before any later event of the same conversations.</li>
 *   <li>Every node also sweeps rows older than {@code orphanAge} (rows of the REST routes, which name no
 *       partition, and any a failed pass left).</li>
 * </ul>
 * Rows are locked while they are published ({@code FOR UPDATE SKIP LOCKED}), so two nodes do not publish
 * the same row at once; a row is deleted in the transaction that locked it, once Kafka has acknowledged.
 */
@Component
public class OutboxRecovery {

    private static final Logger log = LoggerFactory.getLogger(OutboxRecovery.class);
    private static final int SWEEP_ROWS = 100;

    private final OutageLog sweepFailures = new OutageLog(OutboxRecovery.class, "the outbox sweep");

    private final EventOutbox outbox;
    private final EventStorageEngine storage;
    private final EventsPublisher publisher;
    private final TransactionTemplate transaction;
    private final EventsPublisherProperties properties;

    OutboxRecovery(EventOutbox outbox, EventStorageEngine storage, EventsPublisher publisher,
                   TransactionTemplate outboxTransaction, EventsPublisherProperties properties) {
        this.outbox = outbox;
        this.storage = storage;
        this.publisher = publisher;
        this.transaction = outboxTransaction;
        this.properties = properties;
    }

    /** Publishes the rows of commands from these partitions; returns how many rows it published. */
    public int republishPartitions(Collection<Integer> commandPartitions) {
        if (commandPartitions.isEmpty()) {
            return 0;
        }
        Integer rows = transaction.execute(status -> republish(outbox.lockOfPartitions(commandPartitions)));
        if (rows != null && rows > 0) {
            log.info("published again the events of {} outbox rows of commands partitions {}", rows, commandPartitions);
        }
        return rows == null ? 0 : rows;
    }

    /** Publishes rows older than the orphan age; returns how many. Runs every {@code sweepEvery}, the first time one interval in. */
    @Scheduled(initialDelayString = "${parley.events.publisher.sweep-every:15s}",
            fixedDelayString = "${parley.events.publisher.sweep-every:15s}")
    int sweepOrphans() {
        try {
            Integer rows = transaction.execute(status ->
                    republish(outbox.lockOlderThan(properties.orphanAge(), SWEEP_ROWS)));
            sweepFailures.succeeded();
            if (rows != null && rows > 0) {
                log.info("published again the events of {} outbox rows older than {}", rows, properties.orphanAge());
            }
            return rows == null ? 0 : rows;
        } catch (RuntimeException e) {
            // PostgreSQL or Kafka out: one line when the sweeps begin to fail and one when they work again.
            sweepFailures.failed(e);
            return 0;
        }
    }

    private int republish(List<OutboxEntry> entries) {
        for (OutboxEntry entry : entries) {
            Publication publication = new Publication(entry.id(), publisher.records(storedEvents(entry)));
            publisher.send(publication);
            if (!publisher.flushAndAwait(publication)) {
                throw new IllegalStateException("stopped before Kafka acknowledged outbox row " + entry.id());
            }
        }
        if (!entries.isEmpty()) {
            outbox.delete(entries.stream().map(OutboxEntry::id).toList());
        }
        return entries.size();
    }

    private List<DomainEventMessage<?>> storedEvents(OutboxEntry entry) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (StoredRange range : entry.ranges()) {
            DomainEventStream stream = storage.readEvents(range.aggregateId(), range.firstSeq());
            while (stream.hasNext() && stream.peek().getSequenceNumber() <= range.lastSeq()) {
                events.add(stream.next());
            }
        }
        return events;
    }
}
