package dev.parley.faults;

import static dev.parley.faults.Progress.seconds;
import static dev.parley.faults.Progress.since;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
    private static final Duration SET_UP_WITHIN = Duration.ofSeconds(60);

    private final SuiteSettings settings;
    private final StandaloneProcess standalone;
    private final Progress progress;
    private final Chats chats;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    /** {@code dataDir}: the standalone's data folder, emptied first. */
    StandaloneCrash(SuiteSettings settings, Path dataDir, PrintStream progress) throws Exception {
        this.settings = settings;
        this.progress = new Progress(progress);
        this.chats = new Chats(settings, this.progress, "fault-suite-standalone-pushes");
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
        chats.takePushesFromNowOn();

        Chats.Traffic traffic = chats.startTraffic(label);
        Map<ChatUser, ClientRecord> records = traffic.records();
        Map<String, List<ChatUser>> members = chats.members();
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
        traffic.stopAndDrain();
        chats.catchUpEveryone();
        PhaseResult result = PhaseCheck.check(Fault.EVERYTHING, killedAt, members, records, chats.histories(records));
        if (!survivors.isEmpty()) {
            List<String> problems = new ArrayList<>(result.problems());
            problems.add("processes of the standalone survived SIGKILL: " + survivors);
            result = new PhaseResult(result.fault(), result.acked(), result.lost(), result.duplicates(), result.gaps(),
                    Recovery.NOT_RECOVERED, result.pushesAgain(), result.clientsSaw(), problems);
        }
        return result;
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
            chats.add(user);
        }
        chats.setUpPairsAndGroup(runId, SET_UP_WITHIN);
        say("%s: %d users, %d pairs and a group of %d", Fault.EVERYTHING.label(), count, settings.pairs(), settings.groupSize());
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

    private void say(String format, Object... args) {
        progress.say(format, args);
    }

    private static void pause(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    @Override
    public void close() throws Exception {
        chats.close();
        standalone.close();
    }
}
