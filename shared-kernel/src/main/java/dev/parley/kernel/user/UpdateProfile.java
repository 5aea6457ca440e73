package dev.parley.kernel.user;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;

/** Changes what others see of a user; a null field keeps its current value. */
public record UpdateProfile(UserId userId, String displayName, MediaId avatarMediaId) implements UserCommand {

    public UpdateProfile {
        InvalidInput.require("userId", userId);
        if (displayName != null) {
            displayName = UserRules.displayName(displayName);
        }
    }
}
