package dev.parley.query.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stores events for the export tests the way the command side does: through Axon's JDBC storage engine
 * and the Jackson serializer this application is configured with, into the real PostgreSQL.
 */
final class TestEventStore {

    private final EventStorageEngine storage;
    private final JdbcTemplate jdbc;

    TestEventStore(EventStorageEngine storage, JdbcTemplate jdbc) {
        this.storage = storage;
        this.jdbc = jdbc;
    }

    /** An event of an aggregate, stamped with the given time instead of now. */
    static DomainEventMessage<?> event(String aggregateType, String aggregateId, long sequence, Object payload, Instant at) {
        return new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, Map.of(),
                UUID.randomUUID().toString(), at);
    }

    /** Appends the events in this order, in one batch (so their global indexes rise in this order). */
    void append(List<DomainEventMessage<?>> events) {
        storage.appendEvents(events);
    }

    /**
     * A row as another writer may have left it (an older Axon, which printed {@code Instant.toString()},
     * or a migration tool): the time as given, not in Axon 4.13's fixed three fraction digits.
     */
    String insertRaw(String aggregateId, long sequence, String payloadType, String payloadJson, String timeStamp) {
        String eventId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO domainevententry (eventIdentifier, metaData, payload, payloadType, timeStamp,"
                        + " aggregateIdentifier, sequenceNumber, type) VALUES (?, ?, ?, ?, ?, ?, ?, 'Conversation')",
                eventId, "{}".getBytes(StandardCharsets.UTF_8),
                payloadJson.getBytes(StandardCharsets.UTF_8), payloadType, timeStamp, aggregateId, sequence);
        return eventId;
    }

    /** Where the store put an event: its global index. */
    long globalIndexOf(String eventId) {
        return jdbc.queryForObject("SELECT globalIndex FROM domainevententry WHERE eventIdentifier = ?", Long.class, eventId);
    }
}
