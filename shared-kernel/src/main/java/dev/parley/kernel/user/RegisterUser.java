package dev.parley.kernel.user;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/** Creates a user's account. The password never travels in a command: its hash is stored beside it. */
public record RegisterUser(UserId userId, String username, String displayName) implements UserCommand {

    public RegisterUser {
        InvalidInput.require("userId", userId);
        username = UserRules.username(username);
        displayName = UserRules.displayName(displayName);
    }
}
