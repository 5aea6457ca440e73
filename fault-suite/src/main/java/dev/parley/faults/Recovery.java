package dev.parley.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * How long after a kill something clients rely on (acks, live pushes) worked again: not interrupted at
 * all, back after {@code after}, or not back by the end of the phase.
 */
record Recovery(Kind kind, Duration after) {

    enum Kind { UNINTERRUPTED, RECOVERED, NOT_RECOVERED }

    static final Recovery UNINTERRUPTED = new Recovery(Kind.UNINTERRUPTED, Duration.ZERO);
    static final Recovery NOT_RECOVERED = new Recovery(Kind.NOT_RECOVERED, Duration.ZERO);

    static Recovery after(long killedAt, long backAt) {
        return new Recovery(Kind.RECOVERED, Duration.ofNanos(Math.max(0, backAt - killedAt)));
    }

    boolean recovered() {
        return kind != Kind.NOT_RECOVERED;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case UNINTERRUPTED -> "not interrupted";
            case RECOVERED -> String.format(Locale.ROOT, "%.1f s", after.toMillis() / 1000.0);
            case NOT_RECOVERED -> "**not recovered**";
        };
    }
}
