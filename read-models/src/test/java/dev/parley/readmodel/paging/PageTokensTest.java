package dev.parley.readmodel.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.InvalidInput;
import dev.parley.readmodel.Stub;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Page tokens over the driver's own safe paging state, with statements and pages held in memory. The
 * session is not needed: the driver consults it only to encode a simple statement's values.
 */
class PageTokensTest {

    private static final String USERS_BY_PREFIX = "SELECT user_id FROM users_by_username WHERE prefix = ?";
    private static final String DAYS = "SELECT conversation_id FROM conversations_by_day WHERE day = ?";
    private static final ByteBuffer CASSANDRAS_STATE = ByteBuffer.wrap(new byte[] {0, 4, 1, 2, 3, 4, 0, 1, 7});

    private final PageTokens tokens = new PageTokens(null);

    @Test
    void aTokenResumesItsListingWhereThePageEnded() {
        BoundStatement listing = statement(USERS_BY_PREFIX, "ada");
        String token = tokens.of(pageOf(listing));

        BoundStatement resumed = tokens.resume(statement(USERS_BY_PREFIX, "ada"), token);

        assertThat(resumed.getPagingState()).isEqualTo(CASSANDRAS_STATE);
    }

    @Test
    void withoutATokenTheListingStartsAtTheBeginning() {
        BoundStatement listing = statement(USERS_BY_PREFIX, "ada");

        assertThat(tokens.resume(listing, null)).isSameAs(listing);
    }

    @Test
    void aTokenOfAnotherListingIsRefused() {
        String token = tokens.of(pageOf(statement(DAYS, "2025-01-02")));

        assertRefused(() -> tokens.resume(statement(USERS_BY_PREFIX, "ada"), token));
    }

    /** Otherwise a token could be replayed with other filters, reading what they would not show. */
    @Test
    void aTokenOfTheSameListingWithOtherValuesIsRefused() {
        String token = tokens.of(pageOf(statement(USERS_BY_PREFIX, "ada")));

        assertRefused(() -> tokens.resume(statement(USERS_BY_PREFIX, "bob"), token));
    }

    /**
     * Every character of the token's lengths, Cassandra's state and the hash over it and the statement.
     * (The driver ends a token with the protocol version, two bytes outside the hash that a resumed query
     * does not use: changing them changes nothing.)
     */
    @Test
    void aTamperedTokenIsRefused() {
        String token = tokens.of(pageOf(statement(USERS_BY_PREFIX, "ada")));
        int protocolVersionChars = 4;
        for (int i = 0; i < token.length() - protocolVersionChars; i++) {
            char[] tampered = token.toCharArray();
            tampered[i] = tampered[i] == '0' ? '1' : '0';
            String forged = new String(tampered);
            assertRefused(() -> tokens.resume(statement(USERS_BY_PREFIX, "ada"), forged));
        }
        assertRefused(() -> tokens.resume(statement(USERS_BY_PREFIX, "ada"), token.substring(0, token.length() - 2)));
        assertRefused(() -> tokens.resume(statement(USERS_BY_PREFIX, "ada"), token + "00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0", "zz", "not a token", "0x00", "AAAA", "%00", "00000000000000000000"})
    void garbageIsRefusedAsABadRequest(String garbage) {
        assertRefused(() -> tokens.resume(statement(USERS_BY_PREFIX, "ada"), garbage));
    }

    private static void assertRefused(Runnable resume) {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class, resume::run);
        assertThat(refused).as("refused as invalid input").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused).hasMessage("pageToken is not one this listing gave");
    }

    /** A page as the driver answers it, with more to come: Cassandra's paging state and the statement run. */
    private static AsyncResultSet pageOf(BoundStatement statement) {
        ExecutionInfo info = Stub.of(ExecutionInfo.class, Map.of("getPagingState", CASSANDRAS_STATE.duplicate(),
                "getRequest", statement));
        return Stub.of(AsyncResultSet.class, Map.of("getExecutionInfo", info, "hasMorePages", true));
    }

    /** The driver's own bound statement of {@code query} with these values (as the driver encodes text). */
    private static BoundStatement statement(String query, String... values) {
        PreparedStatement prepared = Stub.of(PreparedStatement.class, Map.of("getQuery", query));
        ByteBuffer[] bound = Arrays.stream(values).map(value -> ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)))
                .toArray(ByteBuffer[]::new);
        return new BoundStatementBuilder(prepared, null, bound, null, null, null, null, null, Map.of(), null, false,
                Statement.NO_DEFAULT_TIMESTAMP, null, 0, null, null, null, CodecRegistry.DEFAULT, ProtocolVersion.DEFAULT)
                .build();
    }
}
