package dev.parley.command.user;

import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.UnknownUser;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code user_accounts} table of PostgreSQL: who has registered. */
@Component
class UserAccounts implements KnownUsers {

    private final NamedParameterJdbcTemplate jdbc;

    UserAccounts(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
