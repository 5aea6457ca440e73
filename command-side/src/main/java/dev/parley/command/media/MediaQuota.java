package dev.parley.command.media;

import dev.parley.kernel.RateLimited;
import dev.parley.kernel.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each user's uploads per UTC day, in PostgreSQL's {@code media_daily_usage}: shared by every command-side
 * node and kept across restarts. An upload is charged with one statement that adds it only if the day's
 * total stays within the quota, so two uploads at once on two nodes cannot both take the last place.
 */
@Component
public class MediaQuota {

    private final NamedParameterJdbcTemplate jdbc;
    private final MediaProperties limits;
    private final Clock clock;

    MediaQuota(NamedParameterJdbcTemplate jdbc, MediaProperties limits, Clock clock) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.clock = clock;
    }

    /** Refuses at once, before the upload is read, a user who has used the day's quota already. */
    public void requireRoom(UserId owner) {
        List<Map<String, Object>> used = jdbc.queryForList("SELECT files, bytes FROM media_daily_usage"
                + " WHERE owner_id = :owner AND day = :day", Map.of("owner", owner.value(), "day", today()));
        if (!used.isEmpty() && (((Number) used.get(0).get("files")).intValue() >= limits.dailyFiles()
                || ((Number) used.get(0).get("bytes")).longValue() >= limits.dailyBytes())) {
            throw exhausted();
        }
    }

    /** Counts one upload of {@code bytes}, or refuses it when it would pass the day's quota. */
    public void charge(UserId owner, long bytes) {
        int charged = bytes > limits.dailyBytes() ? 0 : jdbc.update("INSERT INTO media_daily_usage (owner_id, day, files, bytes)"
                        + " VALUES (:owner, :day, 1, :bytes) ON CONFLICT (owner_id, day) DO UPDATE"
                        + " SET files = media_daily_usage.files + 1, bytes = media_daily_usage.bytes + EXCLUDED.bytes"
                        + " WHERE media_daily_usage.files + 1 <= :maxFiles"
                        + " AND media_daily_usage.bytes + EXCLUDED.bytes <= :maxBytes",
                Map.of("owner", owner.value(), "day", today(), "bytes", bytes,
                        "maxFiles", limits.dailyFiles(), "maxBytes", limits.dailyBytes()));
        if (charged == 0) {
            throw exhausted();
        }
    }

    /** Gives back what {@link #charge} counted, for an upload that then failed to be stored. */
    void refund(UserId owner, long bytes) {
        jdbc.update("UPDATE media_daily_usage SET files = GREATEST(files - 1, 0), bytes = GREATEST(bytes - :bytes, 0)"
                + " WHERE owner_id = :owner AND day = :day", Map.of("owner", owner.value(), "day", today(), "bytes", bytes));
    }

    /** Past days count for nothing: their rows go, on every node, which is harmless (the same delete). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetPastDays() {
        jdbc.update("DELETE FROM media_daily_usage WHERE day < :day", Map.of("day", today()));
    }

    private RateLimited exhausted() {
        Duration untilTomorrow = Duration.between(clock.instant(),
                today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return new RateLimited("the daily upload quota (" + limits.dailyFiles() + " files, " + limits.dailyBytes()
                + " bytes) is used; it renews at 00:00 UTC", untilTomorrow);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
