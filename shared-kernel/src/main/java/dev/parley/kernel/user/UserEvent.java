package dev.parley.kernel.user;

import dev.parley.kernel.UserId;

/** A fact about one user; on Kafka it is keyed by {@link #userId()}. */
public sealed interface UserEvent permits UserRegistered, ProfileUpdated, UserBlocked, UserUnblocked {

    UserId userId();
}
