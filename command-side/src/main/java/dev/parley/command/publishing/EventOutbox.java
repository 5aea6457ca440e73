package dev.parley.command.publishing;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code event_outbox} table: which stored events Kafka has not yet acknowledged. Statements run in
 * the caller's transaction when there is one (the row is written in the transaction that stores its
 * events).
 */
@Component
class EventOutbox {

    private static final String COLUMNS = "id, aggregate_ids, first_seqs, last_seqs";

    private final JdbcTemplate jdbc;

    EventOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, Collection<Integer> partitions, List<StoredRange> ranges) {
        jdbc.update(connection -> {
            var insert = connection.prepareStatement(
                    "INSERT INTO event_outbox (id, partitions, aggregate_ids, first_seqs, last_seqs) VALUES (?, ?, ?, ?, ?)");
            insert.setObject(1, id);
            insert.setArray(2, connection.createArrayOf("integer", partitions.toArray()));
            insert.setArray(3, connection.createArrayOf("text", ranges.stream().map(StoredRange::aggregateId).toArray()));
            insert.setArray(4, connection.createArrayOf("bigint", ranges.stream().map(StoredRange::firstSeq).toArray()));
            insert.setArray(5, connection.createArrayOf("bigint", ranges.stream().map(StoredRange::lastSeq).toArray()));
            return insert;
        });
    }

    /**
     * Forgets published rows. Their loss in a crash only means publishing them once more, so this does not
     * wait for the disk ({@code synchronous_commit} off for this transaction alone).
     */
    void delete(Collection<UUID> ids) {
        jdbc.execute("SET LOCAL synchronous_commit TO OFF");
        jdbc.update(connection -> {
            var delete = connection.prepareStatement("DELETE FROM event_outbox WHERE id = ANY (?)");
            delete.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            return delete;
        });
    }

    /**
     * Rows of commands from these partitions, oldest first, locked for the caller's transaction. A row that
     * another consumer (or the sweep) holds is waited for, not skipped: a row can name partitions now held
     * by two consumers, and the one that skipped it would decide that conversation's next command and
     * publish it ahead of the row's events. Once the holder commits, the row is gone and is not returned.
     */
    List<OutboxEntry> lockOfPartitions(Collection<Integer> partitions) {
        return jdbc.query(connection -> {
            var select = connection.prepareStatement("SELECT " + COLUMNS + " FROM event_outbox"
                    + " WHERE partitions && ? ORDER BY created_at, id FOR UPDATE");
            select.setArray(1, connection.createArrayOf("integer", partitions.toArray()));
            return select;
        }, (row, n) -> entry(row));
    }

    /** Rows older than {@code age}, oldest first, at most {@code limit}, locked for the caller's transaction. */
    List<OutboxEntry> lockOlderThan(Duration age, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM event_outbox WHERE created_at < now() - make_interval(secs => ?)"
                        + " ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED",
                (row, n) -> entry(row), age.toMillis() / 1000.0, limit);
    }

    private static OutboxEntry entry(ResultSet row) throws SQLException {
        String[] aggregates = (String[]) array(row.getArray("aggregate_ids"));
        Long[] firsts = (Long[]) array(row.getArray("first_seqs"));
        Long[] lasts = (Long[]) array(row.getArray("last_seqs"));
        List<StoredRange> ranges = new ArrayList<>(aggregates.length);
        for (int i = 0; i < aggregates.length; i++) {
            ranges.add(new StoredRange(aggregates[i], firsts[i], lasts[i]));
        }
        return new OutboxEntry(row.getObject("id", UUID.class), ranges);
    }

    private static Object array(Array array) throws SQLException {
        return array.getArray();
    }
}
