package dev.parley.kernel.presence;

import dev.parley.kernel.UserId;
import java.time.Instant;

/**
 * A user came online (their first connection on any node opened) or went offline (their last one closed,
 * or the node holding it stopped heartbeating). Published by the real-time edge on the presence topic,
 * keyed by user id, and never stored in the event store: presence is state of the moment, not history.
 * {@code at} orders a user's changes: the presence read model keeps the latest, and {@code lastSeen} is
 * the {@code at} of the latest change to offline. {@code nodeId} names the edge node that saw it.
 */
public record PresenceChanged(UserId userId, boolean online, Instant at, String nodeId) {
}
