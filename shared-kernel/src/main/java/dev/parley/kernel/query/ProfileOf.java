package dev.parley.kernel.query;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/** One user's profile; {@code NOT_FOUND} if no such user is known (yet) to the read model. */
public record ProfileOf(UserId userId) {

    public ProfileOf {
        InvalidInput.require("userId", userId);
    }
}
