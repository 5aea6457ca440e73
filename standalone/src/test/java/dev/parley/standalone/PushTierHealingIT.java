package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.testing.ChatSocket;
import dev.parley.testing.PushNodeProcess;
import dev.parley.testing.TestTokens;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The push tier heals: a push node taken for dead while it was paused (SIGSTOP past the node expiry) asks
 * its sockets to reconnect when it resumes, and its users miss nothing; while the membership read model is
 * replayed, a removed member gets no live message of the group, and members (new ones too) still do.
 * Heartbeats here are short, so that a pause is noticed in seconds; the context is closed after the class,
 * so its quick reaper does not outlive it among the other classes' nodes.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"parley.push.heartbeat-interval=1s", "parley.push.node-expiry=10s"})
@UsesRealServers
@DirtiesContext
class PushTierHealingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder tokens;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate postgres;
    @Autowired
    CqlSession cassandra;

    @Test
    void aNodeTakenForDeadWhilePausedAsksItsSocketsToReconnectAndTheyMissNothing() throws Exception {
        UserId ada = register("ada");
        UserId bob = register("bob");
        try (PushNodeProcess nodeB = PushNodeProcess.start(PushNodeProcess.freePort(),
                "push-heal-" + UUID.randomUUID().toString().substring(0, 6), "384m",
                List.of("--parley.push.heartbeat-interval=1s", "--parley.push.node-expiry=10s"));
             ChatSocket adaSocket = ChatSocket.connect(port, token(ada))) {
            ChatSocket bobSocket = ChatSocket.connect(nodeB.port(), token(bob));
            // What a client can observe of its registration: the node registers a socket's user before it
            // answers anything on it (docs/protocol.md), so pushes routed from this ack on reach it. The
            // upgrade's answer alone may come a moment before.
            bobSocket.ack("ping");
            String chat = adaSocket.ack("openDirect", "userId", bob.value()).path("conversationId").asText();
            adaSocket.ack("send", "conversationId", chat, "clientMsgId", "a-1", "text", "before the pause");
            assertThat(bobSocket.next("message", WAIT).path("seq").asLong()).isEqualTo(1);

            signal(nodeB.pid(), "STOP");
            try {
                // Node A reaps B once its heartbeat is older than the expiry: B's users are released.
                await().atMost(WAIT).until(() -> redis.opsForZSet().score(RedisKeys.PUSH_NODES, nodeB.nodeId()) == null);
                adaSocket.ack("send", "conversationId", chat, "clientMsgId", "a-2", "text", "while B was taken for dead");
            } finally {
                signal(nodeB.pid(), "CONT");
            }

            assertThat(bobSocket.awaitClose(WAIT)).isEqualTo(1012);
            try (ChatSocket again = ChatSocket.connect(nodeB.port(), token(bob))) {
                // The catch-up of docs/protocol.md: what was missed is in history.
                await().atMost(WAIT).untilAsserted(() -> assertThat(seqsOf(again.ack("history", "conversationId", chat,
                        "afterSeq", 1).path("messages"))).contains(2L));
                // And B routes to its users again.
                adaSocket.ack("send", "conversationId", chat, "clientMsgId", "a-3", "text", "after the resume");
                assertThat(again.take(frame -> frame.path("type").asText().equals("message")
                        && frame.path("seq").asLong() == 3, WAIT).path("text").asText()).isEqualTo("after the resume");
            }
        }
    }

    @Test
    void whileMembershipIsReplayedARemovedMemberGetsNoLiveMessageAndMembersDo() throws Exception {
        UserId ann = register("ann");
        UserId ben = register("ben");
        UserId cal = register("cal");
        UserId dan = register("dan");
        try (ChatSocket annSocket = ChatSocket.connect(port, token(ann));
             ChatSocket benSocket = ChatSocket.connect(port, token(ben));
             ChatSocket calSocket = ChatSocket.connect(port, token(cal));
             ChatSocket danSocket = ChatSocket.connect(port, token(dan))) {
            String group = annSocket.ack("createGroup", "title", "replayed", "memberIds", List.of(ben.value(), cal.value()))
                    .path("conversationId").asText();
            annSocket.ack("removeMember", "conversationId", group, "userId", cal.value());
            calSocket.take(frame -> frame.path("type").asText().equals("membership")
                    && frame.path("change").asText().equals("removed"), WAIT);
            await().atMost(WAIT).until(() -> cassandra.execute("SELECT user_id FROM members_by_conversation"
                    + " WHERE conversation_id = ? AND user_id = ?", group, cal.value()).one() == null);

            replayingMembership();
            try {
                await().atMost(WAIT).until(() -> Boolean.TRUE.equals(redis.hasKey(RedisKeys.MEMBERSHIP_REPLAYING)));
                // What the replay does to the set until it reaches the removal: the group's creation puts
                // every first member back.
                ConversationId conversation = new ConversationId(group);
                redis.delete(RedisKeys.membersVersion(conversation));
                redis.opsForSet().add(RedisKeys.members(conversation), cal.value());

                annSocket.ack("addMembers", "conversationId", group, "userIds", List.of(dan.value()));
                annSocket.ack("send", "conversationId", group, "clientMsgId", "during", "text", "during the replay");
                for (ChatSocket member : List.of(annSocket, benSocket, danSocket)) {
                    assertThat(member.take(frame -> frame.path("type").asText().equals("message"), WAIT)
                            .path("text").asText()).isEqualTo("during the replay");
                }
                // Cal, added back, hears of it after the message was routed, on the same channel and socket:
                // had the message been pushed to cal, it would have come first.
                annSocket.ack("addMembers", "conversationId", group, "userIds", List.of(cal.value()));
                calSocket.take(frame -> frame.path("type").asText().equals("membership")
                        && frame.path("change").asText().equals("joined"), WAIT);
                assertThat(calSocket.takeAll("message")).isEmpty();
            } finally {
                postgres.update("UPDATE projection_replays SET state = 'done', finished_at = now() WHERE name = 'membership'");
                redis.delete(RedisKeys.MEMBERSHIP_REPLAYING);
            }
        }
    }

    /**
     * A replay of membership under way, as every projections node sees it in {@code projection_replays},
     * with a target it will not reach while the test runs: the nodes keep the replay's mark in Redis alive.
     */
    private void replayingMembership() {
        postgres.update("INSERT INTO projection_replays (name, state, requested_at, started_at, target_position)"
                + " VALUES ('membership', 'replaying', now(), now(), ?) ON CONFLICT (name) DO UPDATE SET"
                + " state = 'replaying', started_at = now(), finished_at = NULL, target_position = EXCLUDED.target_position",
                Long.MAX_VALUE);
    }

    private static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static List<Long> seqsOf(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false).map(message -> message.path("seq").asLong()).toList();
    }

    private UserId register(String prefix) throws Exception {
        return new Requests(port, tokens).register(prefix);
    }

    private String token(UserId user) {
        return TestTokens.sign(tokens, user);
    }
}
