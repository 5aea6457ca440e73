package dev.parley.command;

import dev.parley.kernel.UserId;
import org.springframework.jdbc.core.JdbcTemplate;

/** Accounts for tests that need registered users but not the registration route. */
public final class TestAccounts {

    private TestAccounts() {
    }

    /** A new user with an account row (unique id and username), as registration leaves it. */
    public static UserId register(JdbcTemplate jdbc) {
        UserId user = UserId.random();
        jdbc.update("INSERT INTO user_accounts (user_id, username, password_hash) VALUES (?, ?, 'x')",
                user.value(), "t" + user.value().replace("-", "").substring(0, 24));
        return user;
    }
}
