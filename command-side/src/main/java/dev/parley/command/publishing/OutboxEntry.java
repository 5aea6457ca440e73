package dev.parley.command.publishing;

import java.util.List;
import java.util.UUID;

/** One transaction's events that Kafka has not yet acknowledged, by aggregate. */
record OutboxEntry(UUID id, List<StoredRange> ranges) {
}
