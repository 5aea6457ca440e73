package dev.parley.bench.realtime;

/**
 * One step of the run, as reported. {@code kind} says which workload: the one-to-one ladder, or the group
 * step, whose push latency is to the last of a message's recipients; {@code workload} names its size;
 * {@code lostArrivedLate}, of the pushes counted lost, those that came after the grace period but before
 * the next step.
 */
record StepResult(Kind kind, String workload, int offeredPerSecond, int seconds, StepTraffic.Totals totals, double ackedPerSecond,
                  ProjectionLag.Reading lag, MachineCpu.Usage cpu, double senderLateMaxMillis, int socketsClosed,
                  long lostArrivedLate) {

    /** The goal the issue sets for every step: nothing lost or doubled, p99 under 50 ms. */
    static final double P99_GOAL_MILLIS = 50;

    enum Kind { DIRECT, GROUP }

    /** The latency the goal is about: send to the push, for a group send to the last recipient's push. */
    Latency deliveryLatency() {
        return kind == Kind.DIRECT ? totals.push() : totals.lastRecipient();
    }

    /**
     * Nothing lost, nothing pushed twice, p99 under the goal; and every send acked, since a message the
     * server refused or never answered is one the user does not have either.
     */
    boolean passed() {
        return totals.acked() > 0 && totals.acked() == totals.sent() && totals.lost() == 0 && totals.duplicated() == 0
                && deliveryLatency().p99() < P99_GOAL_MILLIS;
    }
}
