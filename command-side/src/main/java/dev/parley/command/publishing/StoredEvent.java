package dev.parley.command.publishing;

import java.time.Instant;

/** One event of the store as the publication audit sees it: where it sits, what it is called, when it was made. */
record StoredEvent(long globalIndex, String eventId, String aggregateId, long seq, Instant timestamp) {
}
