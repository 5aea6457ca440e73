package dev.parley.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.readmodel.conversation.MessageBuckets;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.query.RouteClient.Answer;
import dev.parley.query.RouteClient;
import dev.parley.testing.UsesRealServers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The admin routes over read-model rows in the real Cassandra and Redis: admins list and page through
 * users and conversations and read any conversation; everyone else is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminRoutesIT {

    /**
     * Days after every other test's (and every earlier run's) conversations, so that this test's come
     * first in the newest-first listing of the shared Cassandra.
     */
    private static final LocalDate NEWEST_DAY = LocalDate.of(3000, 1, 1).plusDays(System.currentTimeMillis() / 60_000 * 3);

    @LocalServerPort
    int port;
    @Autowired
    CqlSession cassandra;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JwtEncoder tokens;

    private final UserId root = UserId.random();
    private final UserId ada = UserId.random();
    private final UserId bob = UserId.random();
    private final String prefix = "z" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    /** Newest first: the order the listing must give. */
    private final List<ConversationId> newestFirst = new ArrayList<>();
    private final List<String> kinds = List.of("group", "direct", "group", "direct", "group");
    private RouteClient routes;

    @BeforeAll
    void readModels() {
        routes = new RouteClient(port, tokens);
        // Two on the newest day, one the day before, two the day before that (a day with none between).
        int[] dayOffsets = {0, 0, 1, 3, 3};
        for (int i = 0; i < kinds.size(); i++) {
            ConversationId id = kinds.get(i).equals("group") ? ConversationId.newGroup() : ConversationId.direct(ada, UserId.random());
            LocalDate day = NEWEST_DAY.minusDays(dayOffsets[i]);
            Instant createdAt = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(1_000 - i);
            newestFirst.add(id);
            cassandra.execute("INSERT INTO conversations (conversation_id, kind, title, created_by, created_at, updated_at,"
                    + " last_seq) VALUES (?, ?, ?, ?, ?, ?, ?)", id.value(), kinds.get(i), "c" + i, ada.value(),
                    createdAt, createdAt, (long) i);
            cassandra.execute("INSERT INTO conversations_by_day (day, created_at, conversation_id, kind) VALUES (?, ?, ?, ?)",
                    day, createdAt, id.value(), kinds.get(i));
            cassandra.execute("INSERT INTO conversation_days (shard, day) VALUES (0, ?)", day);
            if (i < 3) {
                cassandra.execute("INSERT INTO conversations_by_user (user_id, conversation_id, kind, joined_at)"
                        + " VALUES (?, ?, ?, ?)", bob.value(), id.value(), kinds.get(i), createdAt);
            }
        }
        ConversationId first = newestFirst.get(0);
        cassandra.execute("UPDATE conversations SET last_seq = 3 WHERE conversation_id = ?", first.value());
        cassandra.execute("INSERT INTO members_by_conversation (conversation_id, user_id, admin, joined_at, delivered_seq,"
                + " read_seq) VALUES (?, ?, true, ?, 3, 2)", first.value(), ada.value(), Instant.EPOCH);
        cassandra.execute("INSERT INTO members_by_conversation (conversation_id, user_id, admin, joined_at, own_last_seq)"
                + " VALUES (?, ?, false, ?, 3)", first.value(), bob.value(), Instant.EPOCH);
        for (long seq = 1; seq <= 3; seq++) {
            cassandra.execute("INSERT INTO messages (conversation_id, bucket, seq, message_id, sender_id, sent_at, text)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", first.value(), MessageBuckets.of(seq), seq, "m-" + seq,
                    bob.value(), Instant.EPOCH, "text " + seq);
        }
        for (UserId user : List.of(ada, bob)) {
            String username = prefix + (user == ada ? "ada" : "bob");
            cassandra.execute("INSERT INTO users (user_id, username, display_name, created_at) VALUES (?, ?, ?, ?)",
                    user.value(), username, username, Instant.EPOCH);
            cassandra.execute("INSERT INTO users_by_username (prefix, username, user_id) VALUES (?, ?, ?)",
                    username.substring(0, 3), username, user.value());
        }
        redis.opsForHash().putAll(RedisKeys.presence(bob), Map.of("online", "0", "lastSeen", "1000", "v", "1000"));
    }

    private String admin() {
        return routes.token(root, "user", "admin");
    }

    @Test
    void theListingOfEveryConversationPagesNewestFirstAcrossDays() throws Exception {
        List<String> all = walk("/admin/conversations?limit=2", 3);
        List<String> groups = walk("/admin/conversations?kind=group&limit=2", 2);

        assertThat(all).startsWith(ids(newestFirst).toArray(String[]::new));
        assertThat(groups).startsWith(ids(List.of(newestFirst.get(0), newestFirst.get(2), newestFirst.get(4))).toArray(String[]::new));
    }

    @Test
    void theListingOfAMembersConversationsPagesToItsEnd() throws Exception {
        Answer firstPage = routes.get("/admin/conversations?member=" + bob.value() + "&limit=2", admin());
        String token = firstPage.body().path("nextPageToken").asText();
        Answer lastPage = routes.get("/admin/conversations?member=" + bob.value() + "&limit=2&pageToken=" + encode(token), admin());
        Answer directs = routes.get("/admin/conversations?member=" + bob.value() + "&kind=direct", admin());
        Answer foreignToken = routes.get("/admin/conversations?member=" + ada.value() + "&limit=2&pageToken=" + encode(token), admin());
        Answer garbageToken = routes.get("/admin/conversations?member=" + bob.value() + "&pageToken=xyz", admin());

        List<String> listed = new ArrayList<>(conversationIds(firstPage.body()));
        listed.addAll(conversationIds(lastPage.body()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids(newestFirst.subList(0, 3)));
        assertThat(lastPage.body().path("nextPageToken").isNull()).isTrue();
        assertThat(conversationIds(directs.body())).containsExactly(newestFirst.get(1).value());
        assertThat(List.of(foreignToken.status(), garbageToken.status())).containsOnly(400);
    }

    @Test
    void anAdminReadsAnyConversationsWholeReadModelAndMessages() throws Exception {
        ConversationId first = newestFirst.get(0);
        Answer detail = routes.get("/admin/conversations/" + first.value(), admin());
        Answer messages = routes.get("/admin/conversations/" + first.value() + "/messages?afterSeq=1&limit=1", admin());
        Answer unknown = routes.get("/admin/conversations/" + ConversationId.newGroup().value(), admin());

        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body().path("lastSeq").asLong()).isEqualTo(3);
        assertThat(detail.body().path("messageCount").asLong()).isEqualTo(3);
        assertThat(detail.body().path("memberCount").asInt()).isEqualTo(2);
        assertThat(detail.body().path("createdAt").asText()).isNotEmpty();
        List<String> members = StreamSupport.stream(detail.body().path("members").spliterator(), false)
                .map(member -> member.path("userId").asText() + " " + member.path("role").asText() + " delivered="
                        + member.path("deliveredSeq").asLong() + " read=" + member.path("readSeq").asLong())
                .toList();
        assertThat(members).containsExactlyInAnyOrder(ada.value() + " admin delivered=3 read=2",
                bob.value() + " member delivered=3 read=3");
        assertThat(StreamSupport.stream(messages.body().path("messages").spliterator(), false)
                .map(message -> message.path("text").asText()).toList()).containsExactly("text 2");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void anAdminFindsUsersWithTheirStatusAndPresence() throws Exception {
        Answer found = routes.get("/admin/users?query=" + prefix, admin());
        Answer firstPage = routes.get("/admin/users?limit=1", admin());
        Answer secondPage = routes.get("/admin/users?limit=1&pageToken=" + encode(firstPage.body().path("nextPageToken").asText()), admin());

        JsonNode users = found.body().path("users");
        assertThat(users).hasSize(2);
        assertThat(users.get(0).path("userId").asText()).isEqualTo(ada.value());
        assertThat(users.get(0).path("status").asText()).isEqualTo("active");
        assertThat(users.get(0).path("online").asBoolean()).isFalse();
        assertThat(users.get(1).path("createdAt").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(users.get(1).path("lastSeen").asText()).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(firstPage.body().path("users")).hasSize(1);
        assertThat(secondPage.body().path("users")).hasSize(1);
        assertThat(secondPage.body().path("users").get(0).path("userId"))
                .isNotEqualTo(firstPage.body().path("users").get(0).path("userId"));
    }

    @Test
    void everyAdminRouteRefusesNonAdminsAndStrangers() throws Exception {
        List<String> paths = List.of("/admin/users?query=" + prefix, "/admin/conversations",
                "/admin/conversations/" + newestFirst.get(0).value(),
                "/admin/conversations/" + newestFirst.get(0).value() + "/messages");
        String member = routes.token(bob, "user");
        for (String path : paths) {
            assertThat(routes.get(path, member).status()).as(path).isEqualTo(403);
            assertThat(routes.get(path, null).status()).as(path).isEqualTo(401);
        }
        assertThat(routes.get("/admin/conversations?kind=channel", admin()).status()).isEqualTo(400);
        assertThat(routes.get("/admin/conversations?limit=101", admin()).status()).isEqualTo(400);
    }

    /** Follows next page tokens for {@code pages} pages; the ids listed, in order. */
    private List<String> walk(String path, int pages) throws Exception {
        List<String> listed = new ArrayList<>();
        String token = null;
        for (int page = 0; page < pages; page++) {
            Answer answer = routes.get(path + (token == null ? "" : "&pageToken=" + encode(token)), admin());
            assertThat(answer.status()).isEqualTo(200);
            listed.addAll(conversationIds(answer.body()));
            token = answer.body().path("nextPageToken").asText(null);
            if (token == null) {
                break;
            }
        }
        return listed;
    }

    private static List<String> conversationIds(JsonNode page) {
        return StreamSupport.stream(page.path("conversations").spliterator(), false)
                .map(conversation -> conversation.path("conversationId").asText()).toList();
    }

    private static List<String> ids(List<ConversationId> conversations) {
        return conversations.stream().map(ConversationId::value).toList();
    }

    private static String encode(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
