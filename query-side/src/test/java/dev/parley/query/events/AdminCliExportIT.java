package dev.parley.query.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.admin.ParleyAdmin;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The admin tool's {@code export} run as an analyst runs it, against this application's real
 * {@code /admin/events} over events in the real PostgreSQL: it pages through a range into a file,
 * resumes after an index, and fails with the server's reason and a non-zero status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCliExportIT {

    /** Enough for several pages of the size the tests ask for, and a rate worth reading. */
    private static final int EVENTS = 5_000;
    /** A second of the 1980s that no other test stamps its events with. */
    private static final Instant T0 = Instant.parse("1980-01-01T00:00:00Z")
            .plus(ThreadLocalRandom.current().nextLong(3_650L * 86_400), ChronoUnit.SECONDS);

    private final ObjectMapper json = new ObjectMapper();
    private final ConversationId group = ConversationId.newGroup();
    private final List<Long> storedIndexes = new ArrayList<>();

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path folder;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    void storeEvents() {
        UserId ada = UserId.random();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (long seq = 1; seq <= EVENTS; seq++) {
            Instant at = T0.plusMillis(seq);
            batch.add(TestEventStore.event("Conversation", group.value(), seq - 1,
                    new MessageSent(group, MessageId.random(), seq, ada, "c-" + seq, "text " + seq, null, at), at));
            if (batch.size() == 500) {
                storage.appendEvents(batch);
                batch.clear();
            }
        }
        storedIndexes.addAll(jdbc.queryForList("SELECT globalIndex FROM domainevententry WHERE aggregateIdentifier = ?"
                + " ORDER BY globalIndex", Long.class, group.value()));
        assertThat(storedIndexes).hasSize(EVENTS);
    }

    private String token(String... roles) {
        return TestTokens.sign(tokens, UserId.random(), roles);
    }

    private Run parleyAdmin(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ParleyAdmin.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    private List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    private static List<Long> indexes(List<JsonNode> lines) {
        return lines.stream().map(line -> line.path("globalIndex").asLong()).toList();
    }

    @Test
    void exportsARangeIntoAFilePageByPageWithProgress() throws Exception {
        Path file = folder.resolve("events.ndjson");

        long started = System.nanoTime();
        Run run = parleyAdmin("export", "--url", url(), "--token", token("admin"), "--from", T0.toString(),
                "--to", T0.plusSeconds(60).toString(), "--page-size", "1000", "--out", file.toString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("parley-admin export: %d events in %d ms (%d a second), pages of 1,000%n",
                EVENTS, millis, EVENTS * 1_000L / Math.max(1, millis));

        assertThat(run.status()).as(run.err()).isEqualTo(0);
        List<JsonNode> lines = lines(file);
        assertThat(indexes(lines)).isEqualTo(storedIndexes);
        JsonNode last = lines.get(EVENTS - 1);
        assertThat(last.path("type").asText()).isEqualTo("MessageSent");
        assertThat(last.path("aggregateId").asText()).isEqualTo(group.value());
        assertThat(last.path("sequence").asLong()).isEqualTo(EVENTS - 1);
        assertThat(last.path("payload").path("text").asText()).isEqualTo("text " + EVENTS);
        assertThat(run.err()).contains("100%").contains("5,000 events")
                .contains("last global index " + storedIndexes.get(EVENTS - 1));
    }

    @Test
    void resumesAfterAnIndexAppendingToTheFile() throws Exception {
        Path file = folder.resolve("resumed.ndjson");
        long resumeAfter = storedIndexes.get(3_499);
        Files.writeString(file, "{\"globalIndex\":" + resumeAfter + "}\n");

        Run run = parleyAdmin("export", "--url", url(), "--token", token("admin"), "--aggregate", group.value(),
                "--type", "MessageSent", "--after-index", Long.toString(resumeAfter), "--out", file.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(0);
        assertThat(indexes(lines(file))).isEqualTo(storedIndexes.subList(3_499, EVENTS));
    }

    @Test
    void failsWithTheServersReasonAndANonZeroStatus() {
        Path file = folder.resolve("refused.ndjson");

        Run notAdmin = parleyAdmin("export", "--url", url(), "--token", token("user"), "--out", file.toString());
        Run badType = parleyAdmin("export", "--url", url(), "--token", token("admin"), "--type", "MessageEdited",
                "--out", file.toString());
        Run badToken = parleyAdmin("status", "--url", url(), "--token", "not-a-token");

        assertThat(notAdmin.status()).isEqualTo(1);
        assertThat(notAdmin.err()).contains("HTTP 403: this token may not do this");
        assertThat(badType.status()).isEqualTo(1);
        assertThat(badType.err()).contains("HTTP 400: type must be one of").contains("resume with --after-index 0");
        assertThat(badToken.status()).isEqualTo(1);
        assertThat(badToken.err()).contains("HTTP 401: a valid bearer token is required");
    }
}
