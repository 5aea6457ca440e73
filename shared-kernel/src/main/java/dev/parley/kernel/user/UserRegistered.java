package dev.parley.kernel.user;

import dev.parley.kernel.UserId;
import java.time.Instant;

/** A user exists, under a username that no other user has. */
public record UserRegistered(UserId userId, String username, String displayName, Instant at) implements UserEvent {
}
