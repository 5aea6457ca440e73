package dev.parley.transport;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the requests this node shed for overload and reports them in one log line per interval, only
 * when there were any. Under overload a line per request says nothing more and drowns everything else:
 * a 500 msg/s run logged 14,573 "Reply timed out" warnings, one per send, where one line every 10 s
 * with the counts tells an operator the same.
 */
public final class OverloadReport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OverloadReport.class);

    /** What was shed and where, in the order the report lists them. */
    public enum Shed {
        /** The push edge: no reply from the command side within the budget; the client got {@code UNAVAILABLE}. */
        TIMED_OUT("unavailable, no reply in time"),
        /** The push edge: too many commands already waiting for the command side; {@code UNAVAILABLE} at once. */
        IN_FLIGHT_FULL("unavailable at once, commands in flight at the limit"),
        /** The push edge: too many reads waiting for a thread; {@code UNAVAILABLE} at once. */
        READS_FULL("reads unavailable at once, read pool full"),
        /** The command side: a command that arrived too close to its deadline, answered without being decided. */
        EXPIRED("expired at the command side, not decided"),
        /** The command side: a batch that ran too close to a command's deadline, rolled back and decided again alone. */
        BATCH_PAST_DEADLINE("batches rolled back at commit, a deadline too close"),
        /**
         * The sender: a success that came after its sender had stopped waiting and answered {@code UNAVAILABLE}.
         * The deadlines exist so that this stays at zero (docs/architecture.md, "Deadlines and shedding").
         */
        LATE_SUCCESS("successes replied after their sender gave up");

        private final String label;

        Shed(String label) {
            this.label = label;
        }
    }

    private final Map<Shed, LongAdder> counts = new EnumMap<>(Shed.class);
    private final Duration interval;
    private final ScheduledExecutorService timer;

    public OverloadReport(Duration interval) {
        this.interval = interval;
        for (Shed shed : Shed.values()) {
            counts.put(shed, new LongAdder());
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-overload-report");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void count(Shed what) {
        counts.get(what).increment();
    }

    public void count(Shed what, long times) {
        if (times > 0) {
            counts.get(what).add(times);
        }
    }

    /** The counts since the last summary, as one line, and starts counting again; null when nothing was shed. */
    String summary() {
        StringJoiner parts = new StringJoiner("; ");
        for (Shed shed : Shed.values()) {
            long count = counts.get(shed).sumThenReset();
            if (count > 0) {
                parts.add(shed.label + ": " + count);
            }
        }
        return parts.length() == 0 ? null
                : "overload in the last " + interval.toSeconds() + " s: " + parts
                + " (clients retry; see docs/architecture.md, \"Deadlines and shedding\")";
    }

    private void report() {
        String summary = summary();
        if (summary != null) {
            log.warn(summary);
        }
    }

    /** Stops the timer and reports what the last interval counted. */
    @Override
    public void close() {
        timer.shutdownNow();
        report();
    }
}
