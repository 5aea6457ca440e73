package dev.parley.kernel.user;

import dev.parley.kernel.UserId;
import java.time.Instant;

/** {@code userId} blocked {@code blocked}. Never pushed to anyone: the blocked user is not told. */
public record UserBlocked(UserId userId, UserId blocked, Instant at) implements UserEvent {
}
