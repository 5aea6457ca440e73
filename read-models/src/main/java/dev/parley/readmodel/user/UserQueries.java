package dev.parley.readmodel.user;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.kernel.query.AllUsers;
import dev.parley.kernel.query.ProfileOf;
import dev.parley.kernel.query.UserProfile;
import dev.parley.kernel.query.UsersByPrefix;
import dev.parley.kernel.query.UsersPage;
import dev.parley.readmodel.paging.PageTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;

/** Answers the user queries from the Cassandra user read models: profiles, username search, the admin listing. */
public class UserQueries {

    /** Sorts after every character a username may have: the exclusive end of a prefix's range. */
    private static final String AFTER_EVERY_USERNAME_CHAR = "\uffff";

    private final CqlSession cassandra;
    private final PageTokens pageTokens;
    private final PreparedStatement profile;
    private final PreparedStatement usernamesFrom;
    private final PreparedStatement allUsers;

    UserQueries(CqlSession cassandra, PageTokens pageTokens) {
        this.cassandra = cassandra;
        this.pageTokens = pageTokens;
        profile = cassandra.prepare("SELECT * FROM users WHERE user_id = ?");
        usernamesFrom = cassandra.prepare("SELECT user_id FROM users_by_username WHERE prefix = ? AND username >= ?"
                + " AND username < ? LIMIT ?");
        allUsers = cassandra.prepare("SELECT * FROM users");
    }

    @QueryHandler
    UserProfile profile(ProfileOf query) {
        Row row = cassandra.execute(profile.bind(query.userId().value())).one();
        if (row == null) {
            throw new Refused(ErrorCode.NOT_FOUND, "no user " + query.userId().value());
        }
        return profile(row);
    }

    @QueryHandler
    List<UserProfile> search(UsersByPrefix query) {
        String prefix = query.prefix();
        List<CompletableFuture<AsyncResultSet>> reads = new ArrayList<>();
        for (Row row : cassandra.execute(usernamesFrom.bind(prefix.substring(0, UsersByPrefix.MIN_PREFIX), prefix,
                prefix + AFTER_EVERY_USERNAME_CHAR, query.limit()))) {
            reads.add(cassandra.executeAsync(profile.bind(row.getString("user_id"))).toCompletableFuture());
        }
        // In username order, as the index returned them; a user indexed but not yet profiled is left out.
        return reads.stream().map(CompletableFuture::join).map(AsyncResultSet::one).filter(Objects::nonNull)
                .map(UserQueries::profile).toList();
    }

    @QueryHandler
    UsersPage all(AllUsers query) {
        BoundStatement statement = pageTokens.resume(allUsers.bind().setPageSize(query.limit()), query.pageToken());
        AsyncResultSet page = cassandra.executeAsync(statement).toCompletableFuture().join();
        List<UserProfile> users = new ArrayList<>();
        page.currentPage().forEach(row -> users.add(profile(row)));
        return new UsersPage(users, page.hasMorePages() ? pageTokens.of(page) : null);
    }

    private static UserProfile profile(Row row) {
        return new UserProfile(new UserId(row.getString("user_id")), row.getString("username"),
                row.getString("display_name"), row.isNull("avatar_media_id") ? null : new MediaId(row.getString("avatar_media_id")),
                row.getInstant("created_at"), row.getInstant("updated_at"));
    }
}
