package dev.parley.command.publishing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;

/** The events one database transaction stores, in the order they were applied. */
final class StagedEvents {

    private final UUID id = UUID.randomUUID();
    private final Set<Integer> partitions;
    private final List<DomainEventMessage<?>> events = new ArrayList<>();

    StagedEvents(Set<Integer> partitions) {
        this.partitions = partitions;
    }

    UUID id() {
        return id;
    }

    Set<Integer> partitions() {
        return partitions;
    }

    void add(Collection<DomainEventMessage<?>> stored) {
        events.addAll(stored);
    }

    /** A command's unit of work rolled back to its savepoint: its events were never stored. */
    void remove(Collection<DomainEventMessage<?>> rolledBack) {
        events.removeAll(rolledBack);
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    List<DomainEventMessage<?>> events() {
        return events;
    }

    /**
     * Each aggregate's stored sequence numbers. They are consecutive: one consumer decides an aggregate's
     * commands in order, and a rolled-back command's numbers are taken by the next command.
     */
    List<StoredRange> ranges() {
        Map<String, long[]> byAggregate = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : events) {
            long seq = event.getSequenceNumber();
            byAggregate.merge(event.getAggregateIdentifier(), new long[] {seq, seq},
                    (known, next) -> new long[] {Math.min(known[0], seq), Math.max(known[1], seq)});
        }
        List<StoredRange> ranges = new ArrayList<>(byAggregate.size());
        byAggregate.forEach((aggregate, range) -> ranges.add(new StoredRange(aggregate, range[0], range[1])));
        return ranges;
    }
}
