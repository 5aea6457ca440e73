package dev.parley.readmodel.conversation;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;
import dev.parley.kernel.query.ConversationListing;
import dev.parley.kernel.query.ConversationsPage;
import dev.parley.kernel.query.ListConversations;
import dev.parley.readmodel.paging.PageTokens;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;

/**
 * The admin listing of conversations. By member, it pages through the member's partition of
 * {@code conversations_by_user}; without one, it walks the creation days newest first
 * ({@code conversation_days}), paging through each day's partition of {@code conversations_by_day}. Each
 * listed conversation's own row is then read, all of a page's at once.
 */
public class ConversationListingQueries {

    /** Separates the day from the day's paging state in an all-conversations page token. */
    private static final String DAY_SEPARATOR = "~";

    private final CqlSession cassandra;
    private final PageTokens pageTokens;
    private final PreparedStatement ofMember;
    private final PreparedStatement ofMemberByKind;
    private final PreparedStatement ofDay;
    private final PreparedStatement ofDayByKind;
    private final PreparedStatement newestDay;
    private final PreparedStatement dayBefore;
    private final PreparedStatement conversation;

    ConversationListingQueries(CqlSession cassandra, PageTokens pageTokens) {
        this.cassandra = cassandra;
        this.pageTokens = pageTokens;
        ofMember = cassandra.prepare("SELECT conversation_id FROM conversations_by_user WHERE user_id = ?");
        // Filtering within one partition: Cassandra reads only that member's rows.
        ofMemberByKind = cassandra.prepare("SELECT conversation_id FROM conversations_by_user WHERE user_id = ?"
                + " AND kind = ? ALLOW FILTERING");
        ofDay = cassandra.prepare("SELECT conversation_id FROM conversations_by_day WHERE day = ?");
        ofDayByKind = cassandra.prepare("SELECT conversation_id FROM conversations_by_day WHERE day = ? AND kind = ? ALLOW FILTERING");
        newestDay = cassandra.prepare("SELECT day FROM conversation_days WHERE shard = 0 LIMIT 1");
        dayBefore = cassandra.prepare("SELECT day FROM conversation_days WHERE shard = 0 AND day < ? LIMIT 1");
        conversation = cassandra.prepare("SELECT * FROM conversations WHERE conversation_id = ?");
    }

    @QueryHandler
    ConversationsPage list(ListConversations query) {
        return query.member() != null ? ofMember(query) : ofEveryone(query);
    }

    private ConversationsPage ofMember(ListConversations query) {
        BoundStatement statement = query.kind() == null ? ofMember.bind(query.member().value())
                : ofMemberByKind.bind(query.member().value(), query.kind());
        AsyncResultSet page = page(pageTokens.resume(statement.setPageSize(query.limit()), query.pageToken()));
        List<String> ids = new ArrayList<>();
        page.currentPage().forEach(row -> ids.add(row.getString("conversation_id")));
        return new ConversationsPage(listings(ids), page.hasMorePages() ? pageTokens.of(page) : null);
    }

    /** Newest day first; a page may span days, and its token says which day to go on with and where in it. */
    private ConversationsPage ofEveryone(ListConversations query) {
        LocalDate day;
        String dayToken = null;
        if (query.pageToken() == null) {
            Row newest = cassandra.execute(newestDay.bind()).one();
            if (newest == null) {
                return new ConversationsPage(List.of(), null);
            }
            day = newest.getLocalDate("day");
        } else {
            int separator = query.pageToken().indexOf(DAY_SEPARATOR);
            try {
                day = LocalDate.parse(separator < 0 ? query.pageToken() : query.pageToken().substring(0, separator));
            } catch (DateTimeParseException e) {
                throw new InvalidInput("pageToken is not one this listing gave");
            }
            dayToken = separator < 0 ? null : query.pageToken().substring(separator + 1);
        }
        List<String> ids = new ArrayList<>();
        while (day != null) {
            BoundStatement statement = query.kind() == null ? ofDay.bind(day) : ofDayByKind.bind(day, query.kind());
            AsyncResultSet page = page(pageTokens.resume(statement.setPageSize(query.limit() - ids.size()), dayToken));
            page.currentPage().forEach(row -> ids.add(row.getString("conversation_id")));
            if (page.hasMorePages()) {
                String next = day + DAY_SEPARATOR + pageTokens.of(page);
                return new ConversationsPage(listings(ids), next);
            }
            Row before = cassandra.execute(dayBefore.bind(day)).one();
            day = before == null ? null : before.getLocalDate("day");
            dayToken = null;
            if (ids.size() == query.limit()) {
                return new ConversationsPage(listings(ids), day == null ? null : day.toString());
            }
        }
        return new ConversationsPage(listings(ids), null);
    }

    private AsyncResultSet page(BoundStatement statement) {
        return cassandra.executeAsync(statement).toCompletableFuture().join();
    }

    /** The listed conversations' rows, read at once (a page is at most 100), in the listing's order. */
    private List<ConversationListing> listings(List<String> ids) {
        List<CompletableFuture<AsyncResultSet>> reads = ids.stream()
                .map(id -> cassandra.executeAsync(conversation.bind(id)).toCompletableFuture()).toList();
        return reads.stream().map(CompletableFuture::join).map(AsyncResultSet::one).filter(Objects::nonNull)
                .map(row -> new ConversationListing(new ConversationId(row.getString("conversation_id")),
                        row.getString("kind"), row.getString("title"),
                        row.isNull("created_by") ? null : new UserId(row.getString("created_by")),
                        row.getInstant("created_at"), row.getInstant("updated_at"), row.getLong("last_seq")))
                .toList();
    }
}
