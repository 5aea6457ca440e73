package dev.parley.query.events;

import dev.parley.kernel.InvalidInput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Which stored events an export answers: those after {@code afterIndex} in global order, of one aggregate
 * and one type if given, stored in [{@code from}, {@code to}), at most {@code limit} of them.
 *
 * @param payloadType the stored (fully qualified) class name, or null for every type
 */
record EventFilter(long afterIndex, String aggregateId, String payloadType, Instant from, Instant to, int limit) {

    /** Lines an export answers when the request names no limit. */
    static final int DEFAULT_LIMIT = 1_000;
    /**
     * The most lines one request answers. The answer streams, so this does not bound memory; it bounds how
     * long one request holds a database connection and transaction. Longer exports page with afterIndex.
     */
    static final int MAX_LIMIT = 10_000;
    /** The event store's aggregate identifier column is this wide. */
    private static final int MAX_AGGREGATE_ID_CHARS = 255;

    /** Checks the request's raw parameters; each fault is a 400 that says what was wrong. */
    static EventFilter of(Long afterIndex, String aggregateId, String type, String from, String to, Integer limit) {
        if (afterIndex != null && afterIndex < 0) {
            throw new InvalidInput("afterIndex must be 0 or more");
        }
        if (aggregateId != null && (aggregateId.isBlank() || aggregateId.length() > MAX_AGGREGATE_ID_CHARS)) {
            throw new InvalidInput("aggregateId must be 1 to " + MAX_AGGREGATE_ID_CHARS + " characters");
        }
        String payloadType = null;
        if (type != null) {
            payloadType = EventTypes.classNameOf(type);
            if (payloadType == null) {
                throw new InvalidInput("type must be one of " + String.join(", ", EventTypes.names()));
            }
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidInput("from must be before to");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new InvalidInput("limit must be 1 to " + MAX_LIMIT);
        }
        return new EventFilter(afterIndex == null ? 0 : afterIndex, aggregateId, payloadType, start, end,
                limit == null ? DEFAULT_LIMIT : limit);
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name + " must be an ISO-8601 instant, e.g. 2026-11-28T09:00:00Z");
        }
    }

    /**
     * A bound as PostgreSQL compares it. Its timestamps hold whole microseconds: rounding a bound up to
     * the next one keeps both comparisons exact ({@code t >= b} and {@code t < b} hold for a whole-microsecond
     * {@code t} exactly when they hold for the rounded {@code b}), where the driver's rounding to nearest
     * could move an event across the bound.
     */
    static Instant roundedUpToMicros(Instant bound) {
        Instant truncated = bound.truncatedTo(ChronoUnit.MICROS);
        return truncated.equals(bound) ? bound : truncated.plus(1, ChronoUnit.MICROS);
    }
}
