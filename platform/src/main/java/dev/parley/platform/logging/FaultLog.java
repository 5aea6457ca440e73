package dev.parley.platform.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the unexpected failures behind {@code INTERNAL} answers (and the like) for operators, without
 * letting a failure that repeats on every request flood the log: the first of each kind (where it
 * happened and the exception's class) is logged in full, with its stack; later ones are counted and
 * reported in one line at most once a {@link #SUMMARY_INTERVAL}. The client is answered with fixed words.
 */
public final class FaultLog {

    /** How often a repeating kind of failure is reported again, with its count. */
    public static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    /** Kinds are code sites times exception classes, a handful; past this many, new kinds share one tally. */
    private static final int MAX_KINDS = 1_000;

    private final Logger log;
    private final Clock clock;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    public FaultLog(Class<?> owner) {
        this(owner, Clock.systemUTC());
    }

    FaultLog(Class<?> owner, Clock clock) {
        this.log = LoggerFactory.getLogger(owner);
        this.clock = clock;
    }

    private static final class Tally {
        Instant lastLogged;
        long unlogged;
    }

    /** Records one failure of {@code what} (an operator's words: "a history frame failed"). */
    public void unexpected(String what, Throwable failure) {
        String kind = what + ": " + failure.getClass().getName();
        Tally tally = tallies.size() < MAX_KINDS ? tallies.computeIfAbsent(kind, k -> new Tally())
                : tallies.computeIfAbsent("other", k -> new Tally());
        Instant now = clock.instant();
        synchronized (tally) {
            if (tally.lastLogged == null) {
                tally.lastLogged = now;
                log.error("{} (the first of its kind; repeats are counted and reported every {})", what,
                        SUMMARY_INTERVAL, failure);
                return;
            }
            tally.unlogged++;
            if (Duration.between(tally.lastLogged, now).compareTo(SUMMARY_INTERVAL) < 0) {
                return;
            }
            log.error("{}: {} more times since {}, the latest: {}", what, tally.unlogged, tally.lastLogged, failure.toString());
            tally.lastLogged = now;
            tally.unlogged = 0;
        }
    }
}
