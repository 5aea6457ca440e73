package dev.parley.faults;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.infra.InfraEndpoints;
import dev.parley.kernel.UserId;
import dev.parley.testing.TestTokens;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Runs the phases: users chat in pairs and in a group at a steady rate while, in turn, each fault is
 * injected (SIGKILL) and healed (the server's supervisor, or the suite, starts it again); then each
 * phase is held to the protocol's promises ({@link PhaseCheck}). Prints one line per step.
 */
final class FaultSuite implements AutoCloseable {

    private static final Duration PUSH_POLL = Duration.ofMillis(50);
    private static final Duration CONNECT_WITHIN = Duration.ofSeconds(60);
    /** Reads that wait for the projections (histories, catch-up): short, since each phase waits on them. */
    private static final Duration CHECK_POLL = Duration.ofMillis(250);

    private final SuiteSettings settings;
    private final ServerKills serverKills;
    private final ParleyNodes nodes;
    private final PrintStream progress;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<ChatUser> users = new ArrayList<>();
    private final Map<String, List<ChatUser>> members = new LinkedHashMap<>();
    private final Map<ChatUser, List<String>> conversationsOf = new HashMap<>();
    private final ScheduledExecutorService pushPoller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fault-suite-pushes");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code dataDir}: where the servers keep their pid files; {@code serverPorts}: where each answers. */
    FaultSuite(SuiteSettings settings, InfraEndpoints servers, Path dataDir, Map<Fault, Integer> serverPorts,
               PrintStream progress) {
        this.settings = settings;
        this.serverKills = new ServerKills(dataDir, serverPorts);
        this.nodes = new ParleyNodes(servers, settings.portBase(), serviceSettings(settings), settings.serviceStartTimeout());
        this.progress = progress;
    }

    /** The port of each server, read from the addresses clients use. */
    static Map<Fault, Integer> serverPorts(InfraEndpoints servers) {
        return Map.of(
                Fault.POSTGRES, URI.create(servers.jdbcUrl().substring("jdbc:".length())).getPort(),
                Fault.KAFKA, Integer.parseInt(servers.kafkaBootstrapServers().split(",")[0].split(":")[1]),
                Fault.CASSANDRA, Integer.parseInt(servers.cassandraContactPoint().split(":")[1]),
                Fault.REDIS, URI.create(servers.redisUrl()).getPort(),
                Fault.S3, URI.create(servers.s3Endpoint()).getPort());
    }

    /** Starts the services, sets the chats up, runs every phase and returns their verdicts. */
    List<PhaseResult> run() throws Exception {
        long begin = System.nanoTime();
        say("starting command-side, projections and two push nodes (ports from %d)", settings.portBase());
        nodes.startAll();
        say("services healthy after %s", since(begin));
        setUpChats();
        pushPoller.scheduleWithFixedDelay(this::takePushes, 0, PUSH_POLL.toMillis(), TimeUnit.MILLISECONDS);
        List<PhaseResult> results = new ArrayList<>();
        for (Fault fault : settings.faults()) {
            PhaseResult result = phase(fault);
            results.add(result);
            say("%s: %s, %d acked, %d lost, %d duplicates, %d gaps, acks again %s, pushes again %s; clients saw %s",
                    fault.label(), result.passed() ? "passed" : "FAILED", result.acked(), result.lost(),
                    result.duplicates(), result.gaps(), result.acksAgain(), result.pushesAgain(), result.clientsSaw());
        }
        say("done in %s", since(begin));
        return results;
    }

    private PhaseResult phase(Fault fault) throws Exception {
        Map<ChatUser, ClientRecord> records = new LinkedHashMap<>();
        for (ChatUser user : users) {
            ClientRecord record = new ClientRecord();
            records.put(user, record);
            user.recordInto(record);
        }
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicLong drainDeadline = new AtomicLong(Long.MAX_VALUE);
        ExecutorService clients = Executors.newFixedThreadPool(users.size());
        for (ChatUser user : users) {
            clients.submit(() -> user.chat(conversationsOf.get(user), fault.label(), settings.sendInterval(),
                    stopping::get, drainDeadline::get));
        }
        long begin = System.nanoTime();
        say("%s: chatting for %s, then SIGKILL", fault.label(), seconds(settings.warmUp()));
        pause(settings.warmUp());
        long killedAt = System.nanoTime();
        long restartedAt = injectAndHeal(fault, killedAt);
        try {
            await().atMost(settings.recoveryTimeout().minus(Duration.ofNanos(System.nanoTime() - killedAt)))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> PhaseCheck.recovered(fault, killedAt, restartedAt, members, records));
            say("%s: clients recovered %s after the kill; chatting %s more", fault.label(), since(killedAt),
                    seconds(settings.settle()));
        } catch (ConditionTimeoutException late) {
            say("%s: clients NOT recovered %s after the kill", fault.label(), since(killedAt));
        } catch (IllegalArgumentException noTimeLeft) {
            say("%s: no time left to wait for recovery", fault.label());
        }
        long recoveredAt = System.nanoTime();
        pause(settings.settle());
        long settledAt = System.nanoTime();
        stopping.set(true);
        drainDeadline.set(System.nanoTime() + settings.drainTimeout().toNanos());
        clients.shutdown();
        if (!clients.awaitTermination(settings.drainTimeout().plus(settings.ackTimeout()).toSeconds() + 10, TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
        long drainedAt = System.nanoTime();
        catchUpEveryone();
        long caughtUpAt = System.nanoTime();
        Map<String, List<JsonNode>> histories = histories(records);
        long now = System.nanoTime();
        // Where a phase's time goes, to see which step to shorten.
        say("%s: phase took %s: warm-up %s, kill to back %s, back to recovered %s, settle %s, drain %s, catch-up %s, histories %s",
                fault.label(), seconds(Duration.ofNanos(now - begin)), seconds(Duration.ofNanos(killedAt - begin)),
                seconds(Duration.ofNanos(restartedAt - killedAt)), seconds(Duration.ofNanos(recoveredAt - restartedAt)),
                seconds(Duration.ofNanos(settledAt - recoveredAt)), seconds(Duration.ofNanos(drainedAt - settledAt)),
                seconds(Duration.ofNanos(caughtUpAt - drainedAt)), seconds(Duration.ofNanos(now - caughtUpAt)));
        return PhaseCheck.check(fault, killedAt, members, records, histories);
    }

    /** Kills, and brings back: returns when the killed process runs again (nanos). */
    private long injectAndHeal(Fault fault, long killedAt) throws Exception {
        switch (fault) {
            case PUSH_NODE -> restartService(ParleyNodes.Role.PUSH_B);
            case COMMAND_SIDE -> restartService(ParleyNodes.Role.COMMAND_SIDE);
            default -> {
                long pid = serverKills.kill(fault);
                say("%s: killed pid %d; waiting for its supervisor to start it again", fault.label(), pid);
                try {
                    await().atMost(settings.recoveryTimeout()).pollInterval(Duration.ofMillis(250))
                            .until(() -> serverKills.isBack(fault, pid));
                    say("%s: back %s after the kill", fault.label(), since(killedAt));
                } catch (ConditionTimeoutException notBack) {
                    say("%s: NOT back %s after the kill", fault.label(), since(killedAt));
                }
            }
        }
        return System.nanoTime();
    }

    private void restartService(ParleyNodes.Role role) throws InterruptedException {
        nodes.kill(role);
        say("%s killed; starting it again in %s", nodes.nodeId(role), seconds(settings.serviceDowntime()));
        pause(settings.serviceDowntime());
        long begin = System.nanoTime();
        nodes.start(role);
        say("%s healthy again after %s", nodes.nodeId(role), since(begin));
    }

    /** The documented catch-up for every client, as a client does before it trusts what it holds. */
    private void catchUpEveryone() {
        for (ChatUser user : users) {
            try {
                await().atMost(settings.recoveryTimeout()).pollInterval(CHECK_POLL).until(() -> {
                    if (user.request("ping") == null && !user.connect(Duration.ofSeconds(1))) {
                        return false;
                    }
                    return user.catchUp(false);
                });
            } catch (ConditionTimeoutException stuck) {
                say("%s could not catch up within %s", user.name(), seconds(settings.recoveryTimeout()));
            }
        }
    }

    /**
     * Every member's whole history of every conversation. The read model is written after the ack, so it
     * is read again until it holds every acked message or the recovery timeout passed.
     */
    private Map<String, List<JsonNode>> histories(Map<ChatUser, ClientRecord> records) {
        List<ClientRecord.Ack> acks = records.values().stream().flatMap(record -> record.acks().stream()).toList();
        Map<String, List<JsonNode>> histories = new HashMap<>();
        try {
            await().atMost(settings.recoveryTimeout()).pollInterval(CHECK_POLL).until(() -> {
                boolean complete = true;
                for (Map.Entry<String, List<ChatUser>> conversation : members.entrySet()) {
                    for (ChatUser member : conversation.getValue()) {
                        List<JsonNode> history = member.history(conversation.getKey());
                        if (history != null) {
                            histories.put(PhaseCheck.key(conversation.getKey(), member), history);
                        }
                        complete &= history != null && acks.stream()
                                .filter(ack -> ack.conversationId().equals(conversation.getKey()))
                                .allMatch(ack -> history.stream().anyMatch(message -> message.path("seq").asLong() == ack.seq()));
                    }
                }
                return complete;
            });
        } catch (ConditionTimeoutException incomplete) {
            say("histories still incomplete after %s: checking what they hold", seconds(settings.recoveryTimeout()));
        }
        return histories;
    }

    /** New users (registered over REST), one socket each on alternating push nodes, two per pair and a group. */
    private void setUpChats() throws Exception {
        JwtEncoder tokens = TestTokens.encoder();
        int count = Math.max(2 * settings.pairs(), settings.groupSize());
        int pushA = nodes.port(ParleyNodes.Role.PUSH_A);
        int pushB = nodes.port(ParleyNodes.Role.PUSH_B);
        for (int i = 0; i < count; i++) {
            String name = "u" + i;
            String userId = register("fs" + runId + "_" + name);
            // Half the users live on node B, the node the push-node phase kills.
            List<Integer> ports = i % 2 == 0 ? List.of(pushA, pushB) : List.of(pushB, pushA);
            ChatUser user = new ChatUser(name, userId, TestTokens.sign(tokens, new UserId(userId)), ports, settings.ackTimeout());
            if (!user.connect(CONNECT_WITHIN)) {
                throw new IllegalStateException(name + " could not connect to a push node");
            }
            users.add(user);
            conversationsOf.put(user, new ArrayList<>());
        }
        for (int pair = 0; pair < settings.pairs(); pair++) {
            ChatUser a = users.get(2 * pair);
            ChatUser b = users.get(2 * pair + 1);
            String direct = setUpCommand(a, "openDirect", "userId", b.userId()).path("conversationId").asText();
            join(direct, List.of(a, b));
        }
        List<ChatUser> group = users.subList(0, settings.groupSize());
        String groupId = "g:" + UUID.randomUUID();
        setUpCommand(group.get(0), "createGroup", "conversationId", groupId, "title", "fault suite " + runId,
                "memberIds", group.subList(1, group.size()).stream().map(ChatUser::userId).toList());
        join(groupId, group);
        say("%d users on two push nodes, %d pairs and a group of %d", users.size(), settings.pairs(), group.size());
    }

    private void join(String conversation, List<ChatUser> conversationMembers) {
        members.put(conversation, List.copyOf(conversationMembers));
        conversationMembers.forEach(member -> conversationsOf.get(member).add(conversation));
    }

    /** A set-up command, sent again (it is idempotent) until acked. */
    private JsonNode setUpCommand(ChatUser user, String type, Object... namesAndValues) {
        JsonNode[] reply = new JsonNode[1];
        await().atMost(CONNECT_WITHIN).pollInterval(CHECK_POLL).until(() -> {
            reply[0] = user.request(type, namesAndValues);
            return reply[0] != null && "ack".equals(reply[0].path("type").asText());
        });
        return reply[0];
    }

    private String register(String username) throws Exception {
        String body = json.writeValueAsString(Map.of("username", username, "password", "fault-suite-" + runId,
                "displayName", username));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + nodes.port(ParleyNodes.Role.COMMAND_SIDE) + "/api/users"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registering " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body()).path("userId").asText();
    }

    private void takePushes() {
        for (ChatUser user : users) {
            try {
                user.takePushes();
            } catch (RuntimeException e) {
                say("%s: could not take pushes: %s", user.name(), e);
            }
        }
    }

    /**
     * Every service gets production's command bound (a test's 15 s would hide the outage behaviour the
     * suite measures), and the per-address limits lifted: every user of the suite comes from 127.0.0.1.
     */
    private static List<String> serviceSettings(SuiteSettings settings) {
        return List.of(
                "--parley.commands.reply-timeout=" + settings.commandReplyTimeout().toMillis() + "ms",
                "--parley.rate-limits.routes.registrations.burst=1000000",
                "--parley.rate-limits.routes.registrations.refill-one-every=1ms",
                "--parley.rate-limits.routes.sign-ins.burst=1000000",
                "--parley.rate-limits.routes.sign-ins.refill-one-every=1ms");
    }

    private void say(String format, Object... args) {
        progress.printf(Locale.ROOT, "[faults] " + format + "%n", args);
    }

    private static String since(long begin) {
        return seconds(Duration.ofNanos(System.nanoTime() - begin));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void pause(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    @Override
    public void close() {
        pushPoller.shutdownNow();
        users.forEach(ChatUser::close);
        nodes.close();
    }
}
