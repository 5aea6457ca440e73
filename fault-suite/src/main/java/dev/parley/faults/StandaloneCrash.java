package dev.parley.faults;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.util.FileSystemUtils;

/**
 * The {@code everything} phase: users chat in pairs and a group over sockets to a standalone (every
 * server and service in one launcher, on a fresh data folder), every process of it is killed at once
 * with SIGKILL, the standalone is started again on the same data, clients reconnect and catch up, and
 * the phase is held to the same promises as the others ({@link PhaseCheck}).
 */
final class StandaloneCrash implements AutoCloseable {

    /** The standalone's HTTP port is port-base + this; its servers take the seven ports after it. */
    static final int PORT_OFFSET = 30;
    private static final Duration PUSH_POLL = Duration.ofMillis(50);
    private static final Duration CHECK_POLL = Duration.ofSeconds(1);

    private final SuiteSettings settings;
    private final StandaloneProcess standalone;
    private final PrintStream progress;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<ChatUser> users = new ArrayList<>();
    private final Map<String, List<ChatUser>> members = new LinkedHashMap<>();
    private final Map<ChatUser, List<String>> conversationsOf = new HashMap<>();
    private final ScheduledExecutorService pushPoller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fault-suite-standalone-pushes");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code dataDir}: the standalone's data folder, emptied first. */
    StandaloneCrash(SuiteSettings settings, Path dataDir, PrintStream progress) throws Exception {
        this.settings = settings;
        this.progress = progress;
        FileSystemUtils.deleteRecursively(dataDir);
        this.standalone = new StandaloneProcess(dataDir, settings.portBase() + PORT_OFFSET, List.of(
                "--parley.commands.reply-timeout=" + settings.commandReplyTimeout().toMillis() + "ms",
                // Every user of the suite comes from 127.0.0.1.
                "--parley.rate-limits.routes.registrations.burst=1000000",
                "--parley.rate-limits.routes.registrations.refill-one-every=1ms",
                "--parley.rate-limits.routes.sign-ins.burst=1000000",
                "--parley.rate-limits.routes.sign-ins.refill-one-every=1ms"), settings.standaloneStartTimeout());
    }

    PhaseResult run() throws Exception {
        String label = Fault.EVERYTHING.label();
        long begin = System.nanoTime();
        say("%s: starting the standalone on a fresh data folder (port %d)", label, standalone.httpPort());
        standalone.start("first.log");
        say("%s: standalone ready after %s", label, since(begin));
        setUpChats();
        pushPoller.scheduleWithFixedDelay(this::takePushes, 0, PUSH_POLL.toMillis(), TimeUnit.MILLISECONDS);

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
            clients.submit(() -> user.chat(conversationsOf.get(user), label, settings.sendInterval(),
                    stopping::get, drainDeadline::get));
        }
        say("%s: chatting for %s, then SIGKILL to every process", label, seconds(settings.warmUp()));
        pause(settings.warmUp());
        long killedAt = System.nanoTime();
        int killed = standalone.killEverything();
        List<Long> survivors = standalone.survivors();
        say("%s: killed %d processes at once%s; starting the standalone again on the same data", label, killed,
                survivors.isEmpty() ? "" : " (STILL RUNNING: " + survivors + ")");
        long restartBegin = System.nanoTime();
        standalone.start("second.log");
        long restartedAt = System.nanoTime();
        say("%s: standalone ready again %s after the kill (start %s)", label, since(killedAt), since(restartBegin));
        try {
            await().atMost(settings.recoveryTimeout()).pollInterval(Duration.ofMillis(250))
                    .until(() -> PhaseCheck.recovered(Fault.EVERYTHING, killedAt, restartedAt, members, records));
            say("%s: clients recovered %s after the kill; chatting %s more", label, since(killedAt), seconds(settings.settle()));
        } catch (ConditionTimeoutException late) {
            say("%s: clients NOT recovered %s after the kill", label, since(killedAt));
        }
        pause(settings.settle());
        stopping.set(true);
        drainDeadline.set(System.nanoTime() + settings.drainTimeout().toNanos());
        clients.shutdown();
        if (!clients.awaitTermination(settings.drainTimeout().plus(settings.ackTimeout()).toSeconds() + 10, TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
        catchUpEveryone();
        PhaseResult result = PhaseCheck.check(Fault.EVERYTHING, killedAt, members, records, histories(records));
        if (!survivors.isEmpty()) {
            List<String> problems = new ArrayList<>(result.problems());
            problems.add("processes of the standalone survived SIGKILL: " + survivors);
            result = new PhaseResult(result.fault(), result.acked(), result.lost(), result.duplicates(), result.gaps(),
                    Recovery.NOT_RECOVERED, result.pushesAgain(), result.clientsSaw(), problems);
        }
        return result;
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

    /** Every member's whole history, read again until it holds every acked message or the recovery timeout passed. */
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

    /**
     * New users, registered and signed in over REST as an app does (the standalone signs tokens with a key
     * of its own), one socket each, two per pair and a group.
     */
    private void setUpChats() throws Exception {
        int count = Math.max(2 * settings.pairs(), settings.groupSize());
        for (int i = 0; i < count; i++) {
            String name = "s" + i;
            String username = "fs" + runId + "_" + name;
            String password = "fault-suite-" + runId;
            JsonNode registered = post("/api/users", Map.of("username", username, "password", password, "displayName", username), 201);
            JsonNode session = post("/api/sessions", Map.of("username", username, "password", password), 200);
            ChatUser user = new ChatUser(name, registered.path("userId").asText(), session.path("token").asText(),
                    List.of(standalone.httpPort()), settings.ackTimeout());
            if (!user.connect(Duration.ofSeconds(60))) {
                throw new IllegalStateException(name + " could not connect to the standalone");
            }
            users.add(user);
            conversationsOf.put(user, new ArrayList<>());
        }
        for (int pair = 0; pair < settings.pairs(); pair++) {
            ChatUser a = users.get(2 * pair);
            ChatUser b = users.get(2 * pair + 1);
            join(setUpCommand(a, "openDirect", "userId", b.userId()).path("conversationId").asText(), List.of(a, b));
        }
        List<ChatUser> group = users.subList(0, settings.groupSize());
        String groupId = "g:" + UUID.randomUUID();
        setUpCommand(group.get(0), "createGroup", "conversationId", groupId, "title", "fault suite " + runId,
                "memberIds", group.subList(1, group.size()).stream().map(ChatUser::userId).toList());
        join(groupId, group);
        say("%s: %d users, %d pairs and a group of %d", Fault.EVERYTHING.label(), users.size(), settings.pairs(), group.size());
    }

    private void join(String conversation, List<ChatUser> conversationMembers) {
        members.put(conversation, List.copyOf(conversationMembers));
        conversationMembers.forEach(member -> conversationsOf.get(member).add(conversation));
    }

    /** A set-up command, sent again (it is idempotent) until acked. */
    private JsonNode setUpCommand(ChatUser user, String type, Object... namesAndValues) {
        JsonNode[] reply = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(CHECK_POLL).until(() -> {
            reply[0] = user.request(type, namesAndValues);
            return reply[0] != null && "ack".equals(reply[0].path("type").asText());
        });
        return reply[0];
    }

    private JsonNode post(String path, Map<String, String> body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + standalone.httpPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
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
    public void close() throws Exception {
        pushPoller.shutdownNow();
        users.forEach(ChatUser::close);
        standalone.close();
    }
}
