package dev.parley.query.projection;

import java.time.Instant;

/**
 * One read model as admins see it. {@code status}: {@code running}, {@code replaying}, {@code error} (a
 * segment is stuck on a failing batch: {@code error} says why) or {@code stopped} (no node has reported it
 * lately). {@code position}: records of its topic handled; {@code lag}: records on the topic beyond them;
 * {@code progress}: the share of the replay done (0..1), null when not replaying; {@code deadLetters}: events
 * parked in the dead-letter queue (each holds back the rest of its conversation or user until retried).
 */
record ProjectionStatus(String name, String status, long position, long lag, boolean replaying, Double progress,
                        String error, long deadLetters, Instant reportedAt, Instant replayRequestedAt,
                        Instant replayFinishedAt) {
}
