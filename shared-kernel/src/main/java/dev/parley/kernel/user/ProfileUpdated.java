package dev.parley.kernel.user;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** A user's profile as it now stands (both fields, changed or not, so that a reader needs no history). */
public record ProfileUpdated(UserId userId, String displayName, MediaId avatarMediaId, Instant at) implements UserEvent {
}
