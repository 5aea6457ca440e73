package dev.parley.kernel.user;

import dev.parley.kernel.UserId;

/** A command to one user's account, routed by {@link #userId()}. */
public sealed interface UserCommand permits RegisterUser, UpdateProfile {

    UserId userId();
}
