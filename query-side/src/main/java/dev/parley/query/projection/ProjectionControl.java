package dev.parley.query.projection;

import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads what the projections nodes report about their read models ({@code projection_status}) and files
 * replay requests for them to carry out ({@code projection_replays}); see the projections' replay
 * coordinator for the other side.
 */
@Component
class ProjectionControl {

    /** Nodes report every 2 s: a segment not reported for this long has no node processing it. */
    static final Duration STALE_AFTER = Duration.ofSeconds(15);

    private final JdbcTemplate postgres;

    ProjectionControl(JdbcTemplate postgres) {
        this.postgres = postgres;
    }

    private record Segment(String name, boolean replaying, String error, long position, long lag, Double progress,
                           Instant reportedAt) {
    }

    private record Replay(String state, Instant requestedAt, Instant finishedAt) {
    }

    List<ProjectionStatus> statuses() {
        Map<String, List<Segment>> segments = new TreeMap<>();
        postgres.query("SELECT name, replaying, error, position, lag, progress, updated_at FROM projection_status", row -> {
            Segment segment = new Segment(row.getString("name"), row.getBoolean("replaying"), row.getString("error"),
                    row.getLong("position"), row.getLong("lag"), (Double) row.getObject("progress"), instant(row, "updated_at"));
            segments.computeIfAbsent(segment.name(), name -> new ArrayList<>()).add(segment);
        });
        Map<String, Replay> replays = new TreeMap<>();
        postgres.query("SELECT name, state, requested_at, finished_at FROM projection_replays", row -> {
            replays.put(row.getString("name"), new Replay(row.getString("state"), instant(row, "requested_at"),
                    instant(row, "finished_at")));
        });
        Map<String, Long> deadLetters = new TreeMap<>();
        postgres.query("SELECT processinggroup, count(*) FROM deadletterentry GROUP BY processinggroup",
                row -> { deadLetters.put(row.getString(1), row.getLong(2)); });
        List<ProjectionStatus> statuses = new ArrayList<>();
        segments.forEach((name, reported) -> statuses.add(status(name, reported, replays.get(name),
                deadLetters.getOrDefault(name, 0L))));
        return statuses;
    }

    /** Files a replay; 404 for a read model no node has ever reported, 409 while one is under way. */
    void requestReplay(String name) {
        Integer known = postgres.queryForObject("SELECT count(*) FROM projection_status WHERE name = ?", Integer.class, name);
        if (known == null || known == 0) {
            throw new Refused(ErrorCode.NOT_FOUND, "no read model named " + name);
        }
        int filed = postgres.update("INSERT INTO projection_replays (name, state, requested_at) VALUES (?, 'requested', now())"
                + " ON CONFLICT (name) DO UPDATE SET state = 'requested', requested_at = now(), started_at = NULL,"
                + " finished_at = NULL, target_position = NULL WHERE projection_replays.state = 'done'", name);
        if (filed == 0) {
            throw new Refused(ErrorCode.CONFLICT, "a replay of " + name + " is already under way");
        }
    }

    private static ProjectionStatus status(String name, List<Segment> reported, Replay replay, long deadLetters) {
        Instant freshSince = Instant.now().minus(STALE_AFTER);
        List<Segment> fresh = reported.stream().filter(segment -> segment.reportedAt().isAfter(freshSince)).toList();
        List<Segment> counted = fresh.isEmpty() ? reported : fresh;
        long position = counted.stream().mapToLong(Segment::position).min().orElse(0);
        long lag = counted.stream().mapToLong(Segment::lag).max().orElse(0);
        Instant reportedAt = reported.stream().map(Segment::reportedAt).max(Instant::compareTo).orElse(null);
        String error = fresh.stream().map(Segment::error).filter(message -> message != null).findFirst().orElse(null);
        boolean replaying = replay != null && !replay.state().equals("done");
        Double progress = !replaying ? null : replay.state().equals("requested") ? Double.valueOf(0)
                : fresh.stream().map(Segment::progress).filter(share -> share != null).min(Double::compareTo).orElse(0.0);
        String status = replaying ? "replaying" : fresh.isEmpty() ? "stopped" : error != null ? "error" : "running";
        return new ProjectionStatus(name, status, position, lag, replaying, progress, error, deadLetters, reportedAt,
                replay == null ? null : replay.requestedAt(), replay == null ? null : replay.finishedAt());
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
