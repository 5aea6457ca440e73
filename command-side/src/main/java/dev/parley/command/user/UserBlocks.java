package dev.parley.command.user;

import dev.parley.kernel.UserId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code user_blocks} table. Its writes run inside the command's transaction (the one that stores the
 * event), so the table and the event store never disagree.
 */
@Component
class UserBlocks implements Blocks {

    private final NamedParameterJdbcTemplate jdbc;

    UserBlocks(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True if the block is new; false if it was there already. */
    boolean add(UserId blocker, UserId blocked) {
        return jdbc.update("INSERT INTO user_blocks (blocker, blocked) VALUES (:blocker, :blocked) ON CONFLICT DO NOTHING",
                Map.of("blocker", blocker.value(), "blocked", blocked.value())) == 1;
    }

    /** True if there was a block to lift. */
    boolean remove(UserId blocker, UserId blocked) {
        return jdbc.update("DELETE FROM user_blocks WHERE blocker = :blocker AND blocked = :blocked",
                Map.of("blocker", blocker.value(), "blocked", blocked.value())) == 1;
    }

    int countBy(UserId blocker) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM user_blocks WHERE blocker = :blocker",
                Map.of("blocker", blocker.value()), Integer.class);
        return count == null ? 0 : count;
    }

    @Override
    public boolean eitherBlocks(UserId one, UserId other) {
        Boolean any = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM user_blocks WHERE"
                        + " (blocker = :one AND blocked = :other) OR (blocker = :other AND blocked = :one))",
                Map.of("one", one.value(), "other", other.value()), Boolean.class);
        return Boolean.TRUE.equals(any);
    }

    @Override
    public Set<UserId> whoBlocked(UserId adder, Collection<UserId> users) {
        if (users.isEmpty()) {
            return Set.of();
        }
        return jdbc.queryForList("SELECT blocker FROM user_blocks WHERE blocked = :adder AND blocker IN (:users)",
                        Map.of("adder", adder.value(), "users", users.stream().map(UserId::value).toList()), String.class)
                .stream().map(UserId::new).collect(Collectors.toSet());
    }
}
