package dev.parley.kernel.user;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/**
 * {@code userId} stops hearing from {@code blocked}: no direct messages either way, no presence either
 * way, no typing, and {@code blocked} can no longer add them to a group. Routed by the blocker.
 */
public record BlockUser(UserId userId, UserId blocked) implements UserCommand {

    public BlockUser {
        InvalidInput.require("userId", userId);
        InvalidInput.require("blocked", blocked);
        if (userId.equals(blocked)) {
            throw new InvalidInput("a user cannot block themself");
        }
    }
}
