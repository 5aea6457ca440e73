package dev.parley.query.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the Axon event store (PostgreSQL, {@code domainevententry}) in global order and writes each event
 * as one NDJSON line while the rows arrive, so that memory stays bounded however many events match.
 */
@Component
class EventHistory {

    /**
     * Rows the driver holds at once. PostgreSQL's driver reads a whole result into memory unless it is
     * given a fetch size and runs inside a transaction (autocommit off), when it reads through a cursor.
     */
    private static final int FETCH_ROWS = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json;
    private final ObjectWriter lines;

    EventHistory(DataSource dataSource, PlatformTransactionManager transactions, ObjectMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_ROWS);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.lines = json.writerFor(ExportedEvent.class);
    }

    /** Writes the events the filter selects to {@code out}, one a line; returns how many. */
    int export(EventFilter filter, OutputStream out) {
        StringBuilder sql = new StringBuilder("SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber,"
                + " payloadType, timeStamp, payload FROM domainevententry WHERE globalIndex > ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(filter.afterIndex());
        if (filter.aggregateId() != null) {
            sql.append(" AND aggregateIdentifier = ?");
            arguments.add(filter.aggregateId());
        }
        if (filter.payloadType() != null) {
            sql.append(" AND payloadType = ?");
            arguments.add(filter.payloadType());
        }
        // Axon stores the time as text. Compared as timestamptz, not as text: writers differ in how many
        // fraction digits they print ("...:05Z" sorts after "...:05.250Z" as text), and in offsets.
        if (filter.from() != null) {
            sql.append(" AND CAST(timeStamp AS timestamptz) >= ?");
            arguments.add(EventFilter.roundedUpToMicros(filter.from()).atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" AND CAST(timeStamp AS timestamptz) < ?");
            arguments.add(EventFilter.roundedUpToMicros(filter.to()).atOffset(ZoneOffset.UTC));
        }
        sql.append(" ORDER BY globalIndex LIMIT ?");
        arguments.add(filter.limit());

        Integer written = readOnly.execute(status -> {
            int[] count = {0};
            jdbc.query(sql.toString(), row -> {
                write(out, event(row));
                count[0]++;
            }, arguments.toArray());
            return count[0];
        });
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written == null ? 0 : written;
    }

    private ExportedEvent event(ResultSet row) throws SQLException {
        JsonNode payload;
        try {
            // Parsed rather than copied as raw bytes: a payload is then sure to be one JSON value on one line.
            payload = json.readTree(row.getBytes("payload"));
        } catch (IOException e) {
            throw new IllegalStateException("event " + row.getString("eventIdentifier") + " has a payload that is not JSON", e);
        }
        String payloadType = row.getString("payloadType");
        return new ExportedEvent(row.getLong("globalIndex"), row.getString("aggregateIdentifier"),
                row.getLong("sequenceNumber"), EventTypes.nameOf(payloadType), row.getString("timeStamp"),
                row.getString("eventIdentifier"), payload);
    }

    private void write(OutputStream out, ExportedEvent event) {
        try {
            out.write(lines.writeValueAsBytes(event));
            out.write('\n');
        } catch (IOException e) {
            // The reader went away: stop reading rows for nobody (the transaction rolls back, nothing lost).
            throw new UncheckedIOException(e);
        }
    }
}
