package dev.parley.query.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.MessagesRead;
import dev.parley.kernel.user.UserRegistered;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * {@code GET /admin/events} over events stored in the real PostgreSQL through Axon's storage engine. The
 * events are stamped with times in a random second of the 1990s that no other test uses, so a time range
 * selects exactly this test's events however many others the shared store holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the events are stored once, for every test
class EventExportIT {

    private static final Instant T0 = Instant.parse("1990-01-01T00:00:00Z")
            .plus(ThreadLocalRandom.current().nextLong(3_650L * 86_400), ChronoUnit.SECONDS);

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private final UserId ada = UserId.random();
    private final UserId bob = UserId.random();
    private final ConversationId group = ConversationId.newGroup();
    private final ConversationId direct = ConversationId.direct(ada, bob);
    private final ConversationId migrated = ConversationId.newGroup();

    /** What the test stored, in global order: each event's line as the export should write it. */
    private final List<Expected> stored = new ArrayList<>();

    record Expected(long globalIndex, String aggregateId, long sequence, String type, String timestamp, String eventId,
                    JsonNode payload) {
    }

    record Answer(int status, String contentType, String body) {
        List<JsonNode> lines(ObjectMapper json) throws Exception {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(json.readTree(line));
                }
            }
            return lines;
        }
    }

    @BeforeAll
    void storeEvents() throws Exception {
        TestEventStore store = new TestEventStore(storage, jdbc);
        List<DomainEventMessage<?>> events = List.of(
                TestEventStore.event("User", ada.value(), 0, new UserRegistered(ada, "ada", "Ada", T0), T0),
                TestEventStore.event("Conversation", group.value(), 0,
                        new GroupCreated(group, ada, "Book club", List.of(ada, bob), at(1_000)), at(1_000)),
                TestEventStore.event("Conversation", group.value(), 1, new MessageSent(group, MessageId.random(), 1, ada,
                        "c-1", "hello", null, at(2_000)), at(2_000)),
                // Stored after the group's message but stamped earlier: global order is not time order.
                TestEventStore.event("Conversation", direct.value(), 0,
                        new DirectConversationOpened(direct, List.of(ada, bob), bob, at(1_500)), at(1_500)),
                TestEventStore.event("Conversation", group.value(), 2, new MessageSent(group, MessageId.random(), 2, bob,
                        "c-2", "hi Ada", null, at(3_000)), at(3_000)),
                TestEventStore.event("Conversation", group.value(), 3, new MessagesRead(group, ada, 2, at(3_999)), at(3_999)));
        store.append(events);
        for (DomainEventMessage<?> event : events) {
            stored.add(new Expected(store.globalIndexOf(event.getIdentifier()), event.getAggregateIdentifier(),
                    event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    event.getTimestamp().toString(), event.getIdentifier(), readTree(json.writeValueAsString(event.getPayload()))));
        }
        // Two rows as other writers print times: no fraction at all, and six digits with an offset. As
        // text, "...:05Z" sorts after "...:05.250Z"; as times it comes first.
        String renamed = "{\"conversationId\":\"" + migrated.value() + "\",\"by\":\"" + ada.value() + "\",\"title\":\"x\"}";
        for (String timeStamp : List.of(at(5_000).toString(), isoWithOffset(at(5_250)))) {
            long sequence = stored.size() - 6;
            String eventId = store.insertRaw(migrated.value(), sequence, GroupRenamedName.CLASS, renamed, timeStamp);
            stored.add(new Expected(store.globalIndexOf(eventId), migrated.value(), sequence, "GroupRenamed", timeStamp,
                    eventId, readTree(renamed)));
        }
    }

    /** Names the kernel's class as Axon stores it, without the test depending on a string spelled by hand. */
    private static final class GroupRenamedName {
        static final String CLASS = dev.parley.kernel.conversation.GroupRenamed.class.getName();
    }

    private static Instant at(long millisAfterT0) {
        return T0.plusMillis(millisAfterT0);
    }

    /** The instant as 6 fraction digits at UTC+02:00, e.g. 1994-03-01T02:00:05.250000+02:00. */
    private static String isoWithOffset(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx")
                .format(instant.atOffset(java.time.ZoneOffset.ofHours(2)));
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String tokenWithRoles(String... roles) {
        return TestTokens.sign(tokens, UserId.random(), roles);
    }

    private Answer get(Map<String, Object> query, String token) throws Exception {
        StringBuilder uri = new StringBuilder("http://127.0.0.1:" + port + "/admin/events");
        String separator = "?";
        for (Map.Entry<String, Object> parameter : query.entrySet()) {
            uri.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(String.valueOf(parameter.getValue()), StandardCharsets.UTF_8));
            separator = "&";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private List<JsonNode> export(Map<String, Object> query) throws Exception {
        Answer answer = get(query, tokenWithRoles("user", "admin"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/x-ndjson");
        return answer.lines(json);
    }

    /** This test's whole window: every event it stored, none of anyone else's. */
    private Map<String, Object> window() {
        return Map.of("from", T0.toString(), "to", at(10_000).toString());
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... more) {
        Map<String, Object> query = new java.util.LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            query.put((String) more[i], more[i + 1]);
        }
        return query;
    }

    private static List<Long> indexes(List<JsonNode> lines) {
        return lines.stream().map(line -> line.path("globalIndex").asLong()).toList();
    }

    private List<Long> indexesOf(java.util.function.Predicate<Expected> which) {
        return stored.stream().filter(which).map(Expected::globalIndex).toList();
    }

    @Test
    void aRangeIsExportedAsExactlyTheStoredEventsInGlobalOrder() throws Exception {
        List<JsonNode> lines = export(window());

        assertThat(lines).hasSize(stored.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            Expected expected = stored.get(i);
            assertThat(line.path("globalIndex").asLong()).isEqualTo(expected.globalIndex());
            assertThat(line.path("aggregateId").asText()).isEqualTo(expected.aggregateId());
            assertThat(line.path("sequence").asLong()).isEqualTo(expected.sequence());
            assertThat(line.path("type").asText()).isEqualTo(expected.type());
            assertThat(line.path("eventId").asText()).isEqualTo(expected.eventId());
            assertThat(Instant.parse(line.path("timestamp").asText())).isEqualTo(Instant.parse(expected.timestamp()));
            assertThat(line.path("payload").isObject()).as("payload embedded as JSON, not a string").isTrue();
            assertThat(line.path("payload")).isEqualTo(expected.payload());
        }
        assertThat(indexes(lines)).isSorted().doesNotHaveDuplicates();
        JsonNode message = lines.get(2).path("payload");
        assertThat(message.path("text").asText()).isEqualTo("hello");
        assertThat(message.path("sentAt").asText()).isEqualTo(at(2_000).toString());
        assertThat(message.path("conversationId").asText()).isEqualTo(group.value());
    }

    @Test
    void eachFilterSelectsItsEventsOnly() throws Exception {
        assertThat(indexes(export(with(window(), "aggregateId", group.value()))))
                .isEqualTo(indexesOf(event -> event.aggregateId().equals(group.value())));
        assertThat(indexes(export(Map.of("aggregateId", group.value()))))
                .as("one aggregate's whole history, without a time range")
                .isEqualTo(indexesOf(event -> event.aggregateId().equals(group.value())));
        assertThat(indexes(export(with(window(), "type", "MessageSent"))))
                .isEqualTo(indexesOf(event -> event.type().equals("MessageSent")));
        assertThat(indexes(export(with(window(), "type", "MessageSent", "aggregateId", direct.value())))).isEmpty();
        // from is inclusive and to exclusive: 1.000 s and 2.000 s are in, 3.000 s is out, 1.500 s is in.
        assertThat(indexes(export(Map.of("from", at(1_000).toString(), "to", at(3_000).toString()))))
                .isEqualTo(indexesOf(event -> List.of(at(1_000), at(1_500), at(2_000)).contains(Instant.parse(event.timestamp()))));
        // A bound with nanoseconds: 3.999 s is before 3.999000001 s, and not before 3.998999999 s.
        assertThat(indexes(export(Map.of("from", at(3_000).toString(), "to", at(3_999).plusNanos(1).toString()))))
                .hasSize(2);
        assertThat(indexes(export(Map.of("from", at(3_000).toString(), "to", at(3_999).minusNanos(1).toString()))))
                .hasSize(1);
    }

    @Test
    void timesAreComparedAsTimesWhateverTheirFractionDigitsOrOffset() throws Exception {
        List<Long> noFraction = indexesOf(event -> event.timestamp().equals(at(5_000).toString()));
        List<Long> sixDigits = indexesOf(event -> event.timestamp().endsWith("+02:00"));
        assertThat(at(5_000).toString()).doesNotContain(".");

        assertThat(indexes(export(Map.of("from", at(5_000).toString(), "to", at(5_250).toString())))).isEqualTo(noFraction);
        assertThat(indexes(export(Map.of("from", at(5_001).toString(), "to", at(5_251).toString())))).isEqualTo(sixDigits);
        assertThat(indexes(export(Map.of("from", at(4_999).toString(), "to", at(5_000).toString())))).isEmpty();
    }

    @Test
    void limitAndAfterIndexPageThroughARange() throws Exception {
        List<Long> pagedIndexes = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        long after = 0;
        while (true) {
            List<JsonNode> page = export(with(window(), "limit", 3, "afterIndex", after));
            pageSizes.add(page.size());
            pagedIndexes.addAll(indexes(page));
            if (page.size() < 3) {
                break;
            }
            after = page.get(page.size() - 1).path("globalIndex").asLong();
        }

        assertThat(pagedIndexes).isEqualTo(indexesOf(event -> true));
        assertThat(pageSizes).containsExactly(3, 3, 2);
        assertThat(export(with(window(), "afterIndex", stored.get(stored.size() - 1).globalIndex()))).isEmpty();
        assertThat(export(window())).as("without limit: the default of %d", EventFilter.DEFAULT_LIMIT).hasSize(stored.size());
    }

    @Test
    void badParametersAreRefusedWithAProblem() throws Exception {
        String admin = tokenWithRoles("admin");
        List<Map<String, Object>> bad = List.of(
                Map.of("type", "NoSuchEvent"),
                Map.of("type", "dev.parley.kernel.conversation.MessageSent"),
                Map.of("limit", 0),
                Map.of("limit", EventFilter.MAX_LIMIT + 1),
                Map.of("limit", "many"),
                Map.of("afterIndex", -1),
                Map.of("from", "yesterday"),
                Map.of("to", "2026-11-28"),
                Map.of("from", at(1_000).toString(), "to", at(1_000).toString()));

        for (Map<String, Object> query : bad) {
            Answer answer = get(query, admin);
            assertThat(answer.status()).as("%s: %s", query, answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).as("%s", query).startsWith("application/problem+json");
            assertThat(json.readTree(answer.body()).path("detail").asText()).as("%s", query).isNotBlank();
        }
        assertThat(json.readTree(get(Map.of("type", "NoSuchEvent"), admin).body()).path("detail").asText())
                .contains("MessageSent").contains("UserRegistered");
    }

    @Test
    void onlyAdminsMayExport() throws Exception {
        Answer anonymous = get(window(), null);
        Answer user = get(window(), tokenWithRoles("user"));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(user.status()).isEqualTo(403);
        assertThat(List.of(anonymous.contentType(), user.contentType())).allMatch(type -> type.startsWith("application/problem+json"));
        assertThat(anonymous.body() + user.body()).doesNotContain(group.value());
    }
}
