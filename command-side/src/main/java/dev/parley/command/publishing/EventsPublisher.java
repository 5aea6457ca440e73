package dev.parley.command.publishing;

import dev.parley.platform.kafka.KafkaTopicsProperties;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.Serializer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the events this node stores on the events topic as soon as the transaction that stored them
 * commits, with the event store as the outbox.
 *
 * <p>Every transaction that stores events also writes one {@code event_outbox} row naming them (per
 * aggregate, the sequence numbers stored). Right after its commit the events are sent, keyed by aggregate
 * id, in the order they were applied; the row is deleted once Kafka has acknowledged all of them. So:
 * nothing is sent that is not stored (sending starts after the commit); nothing stored stays unsent (a
 * row outlives a crash between commit and acknowledgement, and {@link OutboxRecovery} sends its events
 * again); each aggregate's events keep their order (one consumer decides an aggregate's commands, and
 * it waits for a batch's acknowledgements before it decides the next batch). What a crash can cause is
 * an event sent twice, which every consumer of the topic absorbs (they are keyed by ids and seq).
 *
 * <p>The command consumer opens a {@link PublishingScope} around each polled batch, so that all of a
 * batch's acknowledgements are awaited once, at its end; a transaction outside a scope (the REST routes)
 * waits for its own right after its commit.
 */
@Component
public class EventsPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventsPublisher.class);
    private static final long RETRY_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;
    private final String topic;
    private final long ackTimeoutMillis;
    private final ThreadLocal<PublishingScope> scope = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<UUID> acknowledged = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-outbox-cleaner");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile long lastFailureLog;
    private volatile boolean stopping;

    EventsPublisher(EventStore eventStore, KafkaTemplate<String, byte[]> commandKafkaTemplate,
                    @Qualifier("serializer") Serializer serializer, EventOutbox outbox,
                    TransactionTemplate outboxTransaction, KafkaTopicsProperties topics,
                    EventsPublisherProperties properties) {
        this.kafka = commandKafkaTemplate;
        // Axon's Kafka record format (the event as JSON; its identity, type and aggregate in headers; keyed
        // by aggregate id), which the projections and the push fan-out read with the same converter.
        this.converter = DefaultKafkaMessageConverter.builder().serializer(serializer).build();
        this.outbox = outbox;
        this.transaction = outboxTransaction;
        this.topic = topics.events().name();
        this.ackTimeoutMillis = properties.ackTimeout().toMillis();
        // Rows of acknowledged events are deleted in the background, many per statement: a row left by a
        // crash is only published once more.
        housekeeping.scheduleWithFixedDelay(this::deleteAcknowledged, 200, 200, TimeUnit.MILLISECONDS);
        eventStore.subscribe(this::stage);
    }

    /**
     * Opens the scope of one polled batch of commands, from these commands topic partitions: the events
     * its transactions store are sent after each commit and their acknowledgements awaited when it closes.
     */
    public PublishingScope scopeFor(Set<Integer> commandPartitions) {
        PublishingScope opened = new PublishingScope(this, commandPartitions);
        scope.set(opened);
        return opened;
    }

    void closed(PublishingScope closing) {
        scope.remove();
        if (!closing.publications().isEmpty()) {
            kafka.flush();
            closing.publications().forEach(this::awaitThenForget);
        }
    }

    /** Called by the event store when a unit of work is about to commit events it has just appended. */
    private void stage(List<? extends EventMessage<?>> events) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("events stored outside a transaction cannot be published reliably");
        }
        List<DomainEventMessage<?>> stored = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domainEvent)) {
                throw new IllegalStateException("only aggregates' events can be published from the outbox: "
                        + event.getPayloadType().getName());
            }
            stored.add(domainEvent);
        }
        StagedEvents staged = (StagedEvents) TransactionSynchronizationManager.getResource(this);
        if (staged == null) {
            PublishingScope current = scope.get();
            staged = new StagedEvents(current == null ? Set.of() : current.commandPartitions());
            TransactionSynchronizationManager.bindResource(this, staged);
            TransactionSynchronizationManager.registerSynchronization(new AfterCommit(staged));
        }
        staged.add(stored);
        if (CurrentUnitOfWork.isStarted()) {
            StagedEvents stagedHere = staged;
            CurrentUnitOfWork.get().onRollback(unitOfWork -> stagedHere.remove(stored));
        }
    }

    /** Writes the outbox row before the commit, sends the events after it. */
    private final class AfterCommit implements TransactionSynchronization {
        private final StagedEvents staged;

        AfterCommit(StagedEvents staged) {
            this.staged = staged;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!staged.isEmpty()) {
                outbox.insert(staged.id(), staged.partitions(), staged.ranges());
            }
        }

        @Override
        public void afterCommit() {
            if (staged.isEmpty()) {
                return;
            }
            Publication publication = new Publication(staged.id(), records(staged.events()));
            send(publication);
            PublishingScope current = scope.get();
            if (current != null) {
                current.add(publication);
            } else {
                kafka.flush();
                awaitThenForget(publication);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(EventsPublisher.this);
        }
    }

    List<ProducerRecord<String, byte[]>> records(Collection<? extends EventMessage<?>> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            records.add(converter.createKafkaMessage(event, topic));
        }
        return records;
    }

    void send(Publication publication) {
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>(publication.records().size());
        for (ProducerRecord<String, byte[]> record : publication.records()) {
            try {
                acknowledgements.add(kafka.send(record));
            } catch (RuntimeException refused) {
                acknowledgements.add(CompletableFuture.failedFuture(refused));
            }
        }
        publication.sent(acknowledgements);
    }

    /** Sends what the producer holds at once, then waits as {@link #awaitAcknowledged} does. */
    boolean flushAndAwait(Publication publication) {
        kafka.flush();
        return awaitAcknowledged(publication);
    }

    private void awaitThenForget(Publication publication) {
        if (awaitAcknowledged(publication)) {
            acknowledged.add(publication.outboxId());
        }
    }

    /**
     * Waits until Kafka holds every record, sending them all again after a failure, for as long as this
     * node runs: the batch's consumer must not decide later commands of these aggregates before their
     * earlier events are out, or they would reach the topic out of order. Records sent again may be on
     * the topic twice. False if this node stops (or the thread is interrupted) first.
     */
    boolean awaitAcknowledged(Publication publication) {
        long backoffMillis = 100;
        while (true) {
            Throwable failure = publication.awaitAcknowledged(ackTimeoutMillis);
            if (failure == null) {
                return true;
            }
            reportFailure(publication, failure);
            if (stopping || Thread.currentThread().isInterrupted()) {
                return false; // the outbox row stays; the next owner of these partitions publishes it
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            backoffMillis = Math.min(backoffMillis * 2, 5_000);
            send(publication);
            kafka.flush();
        }
    }

    /** One line per interval, with the count, however many attempts fail meanwhile. */
    private void reportFailure(Publication publication, Throwable failure) {
        long failures = failedAttempts.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastFailureLog > RETRY_LOG_INTERVAL_NANOS) {
            lastFailureLog = now;
            log.warn("events of outbox row {} not acknowledged by Kafka ({}); sending again ({} failed attempts so far)",
                    publication.outboxId(), failure.toString(), failures);
        }
    }

    /**
     * Deletes the rows of every acknowledged publication now. Called before this node gives up commands
     * partitions: at that point all its batches are acknowledged, so the next owner finds no row of a
     * clean handover and publishes nothing twice.
     */
    public void forgetAcknowledgedNow() {
        deleteAcknowledged();
    }

    /** Synchronized: a caller that finds the queue empty still waits for a delete under way. */
    private synchronized void deleteAcknowledged() {
        List<UUID> ids = new ArrayList<>();
        for (UUID id; ids.size() < 1_000 && (id = acknowledged.poll()) != null; ) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> outbox.delete(ids));
        } catch (RuntimeException e) {
            // The rows stay and are published once more by a recovery pass: harmless, only wasteful.
            log.warn("could not delete {} published outbox rows: {}", ids.size(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        housekeeping.shutdown();
        try {
            housekeeping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteAcknowledged();
    }
}
