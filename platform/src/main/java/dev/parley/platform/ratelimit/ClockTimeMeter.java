package dev.parley.platform.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/** Bucket4j's time read from the service's clock, so that a test moves a limit's time by moving its clock. */
record ClockTimeMeter(Clock clock) implements TimeMeter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
    }

    /** Wall-clock time, which the buckets in Redis need: every instance reads its own clock. */
    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
