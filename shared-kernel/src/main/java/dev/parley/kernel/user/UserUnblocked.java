package dev.parley.kernel.user;

import dev.parley.kernel.UserId;
import java.time.Instant;

/** {@code userId} lifted their block of {@code unblocked}. */
public record UserUnblocked(UserId userId, UserId unblocked, Instant at) implements UserEvent {
}
