package dev.parley.kernel.user;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;

/** Another user registered this username first. */
public final class UsernameTaken extends ChatException {

    public UsernameTaken(String username) {
        super(ErrorCode.CONFLICT, "the username " + username + " is taken");
    }
}
