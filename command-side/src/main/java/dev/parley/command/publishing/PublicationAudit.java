package dev.parley.command.publishing;

import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.platform.logging.OutageLog;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves, pass after pass, that every stored event is on the events topic, and publishes again the ones that
 * are not.
 *
 * <p>The outbox covers a crash between a commit and Kafka's acknowledgement. It cannot see what happens
 * after the acknowledgement: a broker that acknowledged a record and lost it (a single broker's unflushed
 * page cache in a machine crash, an unclean leader election), an outbox row deleted by hand, events stored
 * by a path that wrote no row. So this audit compares the store with the topic itself: from a checkpoint
 * (a global index, in {@code event_publication_audit}), it takes the stored events in index order, reads
 * the topic back (only the partitions of their keys, from the oldest one's time) and publishes the missing
 * ones, in index order, hence in each aggregate's order, then moves the checkpoint past them.
 *
 * <p>It leaves the publisher and its recovery their time: it audits only events older than
 * {@code settleAge}, and older than the oldest outbox row still waiting, whose events are the outbox's to
 * publish. A republished event may follow later events of its aggregate on the topic; every consumer applies
 * events by their sequence number (the projections keep the newest version, a socket drops a seq it has
 * pushed), and one that was never on the topic was never delivered, so nothing is shown twice.
 *
 * <p>One node audits at a time: a pass locks the checkpoint row and a node that finds it locked skips.
 */
@Component
public class PublicationAudit {

    private static final Logger log = LoggerFactory.getLogger(PublicationAudit.class);
    /** The first pass runs this long after start, once the node is up, rather than a whole interval in. */
    private static final long FIRST_PASS_DELAY_SECONDS = 5;

    private final JdbcTemplate jdbc;
    private final EventStorageEngine storage;
    private final EventsPublisher publisher;
    private final EventsOnTopic topicReader;
    private final TransactionTemplate transaction;
    private final PublicationAuditProperties properties;
    private final String topic;
    private final OutageLog passFailures = new OutageLog(PublicationAudit.class, "the publication audit");
    private volatile boolean stopping;

    PublicationAudit(JdbcTemplate jdbc, EventStorageEngine storage, EventsPublisher publisher, EventsOnTopic topicReader,
                     TransactionTemplate outboxTransaction, PublicationAuditProperties properties,
                     KafkaTopicsProperties topics) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.publisher = publisher;
        this.topicReader = topicReader;
        this.transaction = outboxTransaction;
        this.properties = properties;
        this.topic = topics.events().name();
    }

    /** The outcome of one pass: how many stored events it compared with the topic, and how many it published again. */
    public record Pass(int audited, int republished) {
        static final Pass SKIPPED = new Pass(0, 0);
    }

    @Scheduled(initialDelay = FIRST_PASS_DELAY_SECONDS, timeUnit = TimeUnit.SECONDS,
            fixedDelayString = "${parley.events.audit.every:60s}")
    void auditUntilCaughtUp() {
        if (!properties.enabled()) {
            return;
        }
        try {
            Pass pass;
            do {
                pass = auditOnce();
            } while (pass.audited() >= properties.maxEventsPerPass() && !stopping);
            passFailures.succeeded();
        } catch (RuntimeException e) {
            // The next pass starts from the same checkpoint. While a server is out, one line when passes begin
            // to fail and one when they work again.
            passFailures.failed(e);
        }
    }

    /**
     * Audits the next window of stored events: at most {@code maxEventsPerPass}, all older than the settle age
     * and than every waiting outbox row. Skips (and returns {@link Pass#SKIPPED}) while another node audits.
     */
    public Pass auditOnce() {
        Pass pass = transaction.execute(status -> {
            List<Long> locked = jdbc.queryForList(
                    "SELECT coalesce(verified_through, -1) FROM event_publication_audit WHERE id = 1 FOR UPDATE SKIP LOCKED",
                    Long.class);
            if (locked.isEmpty()) {
                return Pass.SKIPPED;
            }
            long checkpoint = locked.get(0) >= 0 ? locked.get(0) : firstCheckpoint();
            List<StoredEvent> window = window(checkpoint, auditBound());
            if (window.isEmpty()) {
                saveCheckpoint(checkpoint);
                return new Pass(0, 0);
            }
            Instant oldest = window.stream().map(StoredEvent::timestamp).min(Instant::compareTo).orElseThrow();
            Set<String> found = topicReader.found(topic, window,
                    oldest.minus(properties.clockSkewMargin()), properties.topicReadTimeout());
            List<StoredEvent> missing = window.stream().filter(event -> !found.contains(event.eventId())).toList();
            if (!missing.isEmpty()) {
                republish(missing);
            }
            saveCheckpoint(window.get(window.size() - 1).globalIndex());
            return new Pass(window.size(), missing.size());
        });
        if (pass != null && pass.republished() > 0) {
            log.warn("the publication audit found {} of {} stored events missing from {} and published them again",
                    pass.republished(), pass.audited(), topic);
        }
        return pass == null ? Pass.SKIPPED : pass;
    }

    /** The first audit of a store starts {@code firstPassLookback} back: the newest event older than that. */
    private long firstCheckpoint() {
        Instant since = Instant.now().minus(properties.firstPassLookback());
        Long index = jdbc.queryForObject("SELECT max(globalIndex) FROM domainevententry WHERE timeStamp::timestamptz < ?",
                Long.class, Timestamp.from(since));
        return index == null ? 0 : index;
    }

    /** Events are audited only once they are older than the settle age and than the oldest waiting outbox row. */
    private Instant auditBound() {
        Instant bound = Instant.now().minus(properties.settleAge());
        OffsetDateTime oldestRow = jdbc.queryForObject("SELECT min(created_at) FROM event_outbox", OffsetDateTime.class);
        if (oldestRow != null && oldestRow.toInstant().isBefore(bound)) {
            bound = oldestRow.toInstant();
        }
        return bound;
    }

    /**
     * The stored events after the checkpoint, in index order, up to the first one not older than the bound: the
     * window stays contiguous, so the checkpoint can move past all of it.
     */
    private List<StoredEvent> window(long checkpoint, Instant bound) {
        List<StoredEvent> events = jdbc.query("SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, timeStamp"
                        + " FROM domainevententry WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?",
                (row, n) -> new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4),
                        OffsetDateTime.parse(row.getString(5)).toInstant()),
                checkpoint, properties.maxEventsPerPass());
        List<StoredEvent> settled = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            if (!event.timestamp().isBefore(bound)) {
                break;
            }
            settled.add(event);
        }
        return settled;
    }

    /** Sends the missing events in index order and waits until Kafka holds them all. */
    private void republish(List<StoredEvent> missing) {
        List<DomainEventMessage<?>> events = new ArrayList<>(missing.size());
        for (StoredEvent event : missing) {
            DomainEventStream stream = storage.readEvents(event.aggregateId(), event.seq());
            if (stream.hasNext() && stream.peek().getSequenceNumber() == event.seq()) {
                events.add(stream.next());
            }
        }
        Publication publication = new Publication(UUID.randomUUID(), publisher.records(events));
        publisher.send(publication);
        if (!publisher.flushAndAwait(publication)) {
            throw new IllegalStateException("stopped before Kafka acknowledged the events the audit published again");
        }
    }

    private void saveCheckpoint(long globalIndex) {
        jdbc.update("UPDATE event_publication_audit SET verified_through = ?, verified_at = now() WHERE id = 1", globalIndex);
    }

    /** A stop ends the catching up after the current window; the scheduler interrupts what it is waiting on. */
    @PreDestroy
    void stop() {
        stopping = true;
    }
}
