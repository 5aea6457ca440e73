package dev.parley.bench.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The conversations read model's lag after a step, from {@code GET /admin/projections}. The projections
 * nodes write their status every 2 s ({@code parley.projections.status-interval}), so each reading carries
 * the time it was reported: the lag "at the end" is the first report written after the step's sending time
 * is over, and the time back to zero is from then to the first report of lag 0, an upper bound within one
 * report interval. Records of the events topic count, not messages: receipts and membership events too.
 */
final class ProjectionLag {

    static final String READ_MODEL = "conversations";
    private static final long POLL_MILLIS = 250;

    /** {@code lagAtEnd} null when no report came; {@code zeroAfterSeconds} null when lag 0 was not reported in time. */
    record Reading(Long lagAtEnd, Double zeroAfterSeconds, String note) {

        static Reading unavailable(String why) {
            return new Reading(null, null, why);
        }
    }

    private final ParleyRest rest;
    private final String adminToken;

    /** {@code adminToken} null: no admin credentials, so every reading is unavailable. */
    ProjectionLag(ParleyRest rest, String adminToken) {
        this.rest = rest;
        this.adminToken = adminToken;
    }

    Reading after(Instant stepEnd, Duration limit) {
        if (adminToken == null) {
            return Reading.unavailable("no admin token");
        }
        Instant deadline = stepEnd.plus(limit);
        Long lagAtEnd = null;
        String note = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                ParleyRest.ProjectionReport report = rest.projection(adminToken, READ_MODEL);
                if (report != null && report.reportedAt() != null && !report.reportedAt().isBefore(stepEnd)) {
                    if (!"running".equals(report.status())) {
                        note = "status " + report.status();
                    }
                    if (lagAtEnd == null) {
                        lagAtEnd = report.lag();
                    }
                    if (report.lag() == 0) {
                        return new Reading(lagAtEnd, Duration.between(stepEnd, report.reportedAt()).toMillis() / 1000.0, note);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reading(lagAtEnd, null, "interrupted");
            } catch (Exception e) {
                note = e.getMessage();
            }
        }
        return new Reading(lagAtEnd, null, note);
    }
}
