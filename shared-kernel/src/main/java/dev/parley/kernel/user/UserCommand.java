package dev.parley.kernel.user;

import dev.parley.kernel.Command;

import dev.parley.kernel.UserId;

/** A command to one user's account, routed by {@link #userId()}. */
public sealed interface UserCommand extends Command permits RegisterUser, UpdateProfile, BlockUser, UnblockUser {

    UserId userId();

    @Override
    default String aggregateId() {
        return userId().value();
    }
}
