package dev.parley.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.kernel.UserId;
import dev.parley.query.RouteClient;
import dev.parley.query.RouteClient.Answer;
import dev.parley.testing.UsesRealServers;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The projection routes over status rows and replay requests in the real PostgreSQL, written here as the
 * projections nodes write them (under names of this test's own, which no node acts on).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class ProjectionRoutesIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate postgres;
    @Autowired
    JwtEncoder tokens;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private RouteClient routes;
    private String admin;

    @BeforeEach
    void client() {
        routes = new RouteClient(port, tokens);
        admin = routes.token(UserId.random(), "user", "admin");
    }

    private void report(String name, int segment, long position, long lag, String error, Double progress, Instant at) {
        postgres.update("INSERT INTO projection_status (name, segment, node_id, replaying, error, position, lag, progress,"
                + " updated_at) VALUES (?, ?, 'node-1', ?, ?, ?, ?, ?, ?)", name, segment, progress != null, error,
                position, lag, progress, Timestamp.from(at));
    }

    @Test
    void eachReadModelShowsItsStatusFromItsSegmentsReports() throws Exception {
        Instant now = Instant.now();
        report("running-" + suffix, 0, 900, 10, null, null, now);
        report("running-" + suffix, 1, 800, 25, null, null, now);
        report("stopped-" + suffix, 0, 500, 0, null, null, now.minusSeconds(60));
        report("failing-" + suffix, 0, 42, 7, "CassandraDown: no host", null, now);
        report("replaying-" + suffix, 0, 300, 700, null, 0.3, now);
        postgres.update("INSERT INTO projection_replays (name, state, requested_at, started_at, target_position)"
                + " VALUES (?, 'replaying', now(), now(), 1000)", "replaying-" + suffix);
        postgres.update("INSERT INTO deadletterentry (deadletteridentifier, processinggroup, sequenceidentifier,"
                + " sequenceindex, messagetype, eventidentifier, timestamp, payloadtype, payload, enqueuedat)"
                + " VALUES (?, ?, 'seq-1', 0, 'event', ?, '2026-01-01T00:00:00Z', 'x', '\\x00', '2026-01-01T00:00:00Z')",
                UUID.randomUUID().toString(), "failing-" + suffix, UUID.randomUUID().toString());

        JsonNode projections = routes.get("/admin/projections", admin).body().path("projections");

        JsonNode running = find(projections, "running-" + suffix);
        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.path("position").asLong()).isEqualTo(800); // the slowest segment
        assertThat(running.path("lag").asLong()).isEqualTo(25);
        assertThat(running.path("replaying").asBoolean()).isFalse();
        assertThat(running.path("progress").isNull()).isTrue();
        assertThat(find(projections, "stopped-" + suffix).path("status").asText()).isEqualTo("stopped");
        JsonNode failing = find(projections, "failing-" + suffix);
        assertThat(failing.path("status").asText()).isEqualTo("error");
        assertThat(failing.path("error").asText()).contains("CassandraDown");
        assertThat(failing.path("deadLetters").asLong()).isEqualTo(1);
        JsonNode replaying = find(projections, "replaying-" + suffix);
        assertThat(replaying.path("status").asText()).isEqualTo("replaying");
        assertThat(replaying.path("replaying").asBoolean()).isTrue();
        assertThat(replaying.path("progress").asDouble()).isEqualTo(0.3);
    }

    @Test
    void aReplayIsFiledOnceForAKnownReadModelByAnAdminOnly() throws Exception {
        String name = "known-" + suffix;
        report(name, 0, 10, 0, null, null, Instant.now());

        Answer refusedToMember = routes.send("POST", "/admin/projections/" + name + "/replay",
                routes.token(UserId.random(), "user"), null);
        Answer anonymous = routes.send("POST", "/admin/projections/" + name + "/replay", null, null);
        Answer accepted = routes.send("POST", "/admin/projections/" + name + "/replay", admin, null);
        Answer again = routes.send("POST", "/admin/projections/" + name + "/replay", admin, null);
        Answer unknown = routes.send("POST", "/admin/projections/unknown-" + suffix + "/replay", admin, null);
        Answer badName = routes.send("POST", "/admin/projections/BAD!/replay", admin, null);

        assertThat(refusedToMember.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(409);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(postgres.queryForObject("SELECT state FROM projection_replays WHERE name = ?", String.class, name))
                .isEqualTo("requested");
        JsonNode shown = find(routes.get("/admin/projections", admin).body().path("projections"), name);
        assertThat(shown.path("status").asText()).isEqualTo("replaying");
        assertThat(shown.path("progress").asDouble()).isZero();
    }

    private static JsonNode find(JsonNode projections, String name) {
        for (JsonNode projection : projections) {
            if (projection.path("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name + " in " + projections);
    }
}
