package dev.parley.readmodel.paging;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PagingState;
import dev.parley.kernel.InvalidInput;

/**
 * Opaque page tokens over Cassandra's paging: the driver's safe paging state, which carries a hash of the
 * query and its values and is refused for any other query, so a token cannot be replayed against another
 * listing or forged to read what its filters would not show.
 */
public class PageTokens {

    private final CqlSession cassandra;

    PageTokens(CqlSession cassandra) {
        this.cassandra = cassandra;
    }

    /** The token that continues after this page (call only if it has more pages). */
    public String of(AsyncResultSet page) {
        return page.getExecutionInfo().getSafePagingState().toString();
    }

    /** The statement, resumed where {@code token} ended; unchanged without a token. 400 for a foreign token. */
    public BoundStatement resume(BoundStatement statement, String token) {
        if (token == null) {
            return statement;
        }
        try {
            return statement.setPagingState(PagingState.fromString(token), cassandra);
        } catch (RuntimeException e) { // not ours, not for this query, or not even base64
            throw new InvalidInput("pageToken is not one this listing gave");
        }
    }
}
