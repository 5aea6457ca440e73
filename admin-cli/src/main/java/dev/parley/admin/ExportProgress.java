package dev.parley.admin;

import java.time.Duration;
import java.time.Instant;

/**
 * How far an export has come: events written, their rate, and the share of the time range that the
 * events so far cover. Events are exported in global order, which is nearly but not exactly time order
 * (concurrent writers), so the share never goes back: it is the furthest point reached.
 */
final class ExportProgress {

    private final Instant from;
    private final Instant to;
    private long events;
    private Instant start;
    private Double covered;

    /**
     * @param from the range's start, or null: then the first event's time
     * @param to the range's end, or null: then the time the export started (nothing later can be asked for)
     */
    ExportProgress(Instant from, Instant to, Instant startedAt) {
        this.from = from;
        this.to = to == null ? startedAt : to;
    }

    /** One more event written, stored at {@code timestamp} (null if it could not be read). */
    void written(Instant timestamp) {
        events++;
        if (timestamp == null) {
            return;
        }
        if (start == null) {
            start = from != null ? from : timestamp;
        }
        Double fraction = fraction(start, to, timestamp);
        if (fraction != null && (covered == null || fraction > covered)) {
            covered = fraction;
        }
    }

    long events() {
        return events;
    }

    /** The share of [start, end) before {@code reached}, from 0 to 1; null when the range is empty. */
    static Double fraction(Instant start, Instant end, Instant reached) {
        long span = Duration.between(start, end).toMillis();
        if (span <= 0) {
            return null;
        }
        double done = Duration.between(start, reached).toMillis() / (double) span;
        return Math.max(0, Math.min(1, done));
    }

    /** Events a second over {@code elapsed}; 0 before any time has passed. */
    static long rate(long events, Duration elapsed) {
        long millis = elapsed.toMillis();
        return millis <= 0 ? 0 : Math.round(events * 1_000.0 / millis);
    }

    /** The status line, e.g. {@code [#####-----]  50%  12,345 events  3,210 events/s}. */
    String line(Duration elapsed) {
        return ProgressBar.of(covered) + String.format("  %,d events  %,d events/s", events, rate(events, elapsed));
    }

    /** The closing line: every event counted, at 100% when the export ran to its end. */
    String finished(Duration elapsed) {
        covered = 1.0;
        return line(elapsed);
    }
}
