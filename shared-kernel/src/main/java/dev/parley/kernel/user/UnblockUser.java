package dev.parley.kernel.user;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/** Lifts {@code userId}'s block of {@code unblocked}; nothing happens if there was none. Routed by the blocker. */
public record UnblockUser(UserId userId, UserId unblocked) implements UserCommand {

    public UnblockUser {
        InvalidInput.require("userId", userId);
        InvalidInput.require("unblocked", unblocked);
    }
}
