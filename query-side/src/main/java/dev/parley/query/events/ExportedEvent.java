package dev.parley.query.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of an export: where the event sits in the store ({@code globalIndex}, the aggregate and its
 * {@code sequence}), what it is, when it was stored, and the event itself.
 *
 * @param timestamp as Axon stored it: ISO-8601, UTC, milliseconds
 * @param eventId Axon's event identifier, also the {@code axon-message-id} header on Kafka
 */
record ExportedEvent(long globalIndex, String aggregateId, long sequence, String type, String timestamp,
                     String eventId, JsonNode payload) {
}
