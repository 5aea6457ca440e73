package dev.parley.command.user;

import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.UnknownUser;
import dev.parley.kernel.user.UsernameTaken;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code user_accounts} table of PostgreSQL: who has registered, under which username, with which
 * password hash and roles. Its unique username constraint is what makes usernames unique.
 */
@Component
class UserAccounts implements KnownUsers {

    /** What signing in needs to know of an account. */
    record Account(UserId userId, String username, String passwordHash, List<String> roles) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    UserAccounts(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the username; of two racing claims the second waits for the first and then fails. */
    void create(UserId userId, String username, String passwordHash, List<String> roles) {
        try {
            jdbc.update("INSERT INTO user_accounts (user_id, username, password_hash, roles)"
                            + " VALUES (:userId, :username, :hash, :roles)",
                    Map.of("userId", userId.value(), "username", username, "hash", passwordHash,
                            "roles", String.join(",", roles)));
        } catch (DuplicateKeyException taken) {
            throw new UsernameTaken(username);
        }
    }

    Optional<Account> findByUsername(String username) {
        return find("username = :key", username);
    }

    Optional<Account> findById(UserId user) {
        return find("user_id = :key", user.value());
    }

    /** Sets a new password hash (the admin account's, from its configuration). */
    void changePasswordHash(UserId user, String passwordHash) {
        jdbc.update("UPDATE user_accounts SET password_hash = :hash WHERE user_id = :userId",
                Map.of("hash", passwordHash, "userId", user.value()));
    }

    private Optional<Account> find(String condition, String key) {
        return jdbc.query("SELECT user_id, username, password_hash, roles FROM user_accounts WHERE " + condition,
                        Map.of("key", key),
                        (row, n) -> new Account(new UserId(row.getString("user_id")), row.getString("username"),
                                row.getString("password_hash"), Arrays.asList(row.getString("roles").split(","))))
                .stream().findFirst();
    }

    @Override
    public void requireRegistered(Collection<UserId> users) {
        if (users.isEmpty()) {
            return;
        }
        Set<String> registered = new HashSet<>(jdbc.queryForList(
                "SELECT user_id FROM user_accounts WHERE user_id IN (:ids)",
                Map.of("ids", users.stream().map(UserId::value).toList()), String.class));
        users.stream().filter(user -> !registered.contains(user.value())).findFirst().ifPresent(unknown -> {
            throw new UnknownUser("user " + unknown + " does not exist");
        });
    }
}
