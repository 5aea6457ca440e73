package dev.parley.platform.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the failures of a periodic task (a sweep, an audit pass) once per outage instead of once per run: the
 * first failure in one line, the later ones only counted, and one line when the task works again, saying how
 * long it failed and how many runs did. A server that stays out for an hour then costs two lines, not one a
 * run; health shows the outage meanwhile.
 */
public final class OutageLog {

    private final Logger log;
    private final String task;
    private final Clock clock;
    private Instant failingSince;
    private long failedRuns;

    /** {@code task} in an operator's words, as the subject of a sentence: "the outbox sweep". */
    public OutageLog(Class<?> owner, String task) {
        this(owner, task, Clock.systemUTC());
    }

    OutageLog(Class<?> owner, String task, Clock clock) {
        this.log = LoggerFactory.getLogger(owner);
        this.task = task;
        this.clock = clock;
    }

    /** Records a failed run; only the first of a series is logged. */
    public synchronized void failed(Throwable failure) {
        if (failedRuns++ == 0) {
            failingSince = clock.instant();
            log.warn("{} failed: {}; it keeps running at its interval, and says so once it works again",
                    task, failure.toString());
        }
    }

    /** Records a run that worked; after failed ones, logs how long they lasted and how many there were. */
    public synchronized void succeeded() {
        if (failedRuns == 0) {
            return;
        }
        Duration failing = Duration.between(failingSince, clock.instant());
        log.info("{} works again, after {} s and {} failed runs", task, failing.toSeconds(), failedRuns);
        failedRuns = 0;
        failingSince = null;
    }

    /** How many runs failed since the last one that worked. */
    public synchronized long failedRuns() {
        return failedRuns;
    }
}
