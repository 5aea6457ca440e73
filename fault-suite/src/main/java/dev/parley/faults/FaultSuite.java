package dev.parley.faults;

import static dev.parley.faults.Progress.seconds;
import static dev.parley.faults.Progress.since;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Runs the phases: users chat in pairs and in a group at a steady rate while, in turn, each fault is
 * injected (SIGKILL) and healed (the server's supervisor, or the suite, starts it again); then each
 * phase is held to the protocol's promises ({@link PhaseCheck}). Prints one line per step.
 */
final class FaultSuite implements AutoCloseable {

    private static final Duration CONNECT_WITHIN = Duration.ofSeconds(60);

    private final SuiteSettings settings;
    private final ServerKills serverKills;
    private final ParleyNodes nodes;
    private final Progress progress;
    private final Chats chats;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    /** {@code dataDir}: where the servers keep their pid files; {@code serverPorts}: where each answers. */
    FaultSuite(SuiteSettings settings, InfraEndpoints servers, Path dataDir, Map<Fault, Integer> serverPorts,
               PrintStream progress) {
        this.settings = settings;
        this.serverKills = new ServerKills(dataDir, serverPorts);
        this.nodes = new ParleyNodes(servers, settings.portBase(), serviceSettings(settings), settings.serviceStartTimeout());
        this.progress = new Progress(progress);
        this.chats = new Chats(settings, this.progress, "fault-suite-pushes");
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
        chats.takePushesFromNowOn();
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
        Chats.Traffic traffic = chats.startTraffic(fault.label());
        Map<ChatUser, ClientRecord> records = traffic.records();
        Map<String, List<ChatUser>> members = chats.members();
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
        traffic.stopAndDrain();
        long drainedAt = System.nanoTime();
        chats.catchUpEveryone();
        long caughtUpAt = System.nanoTime();
        Map<String, List<JsonNode>> histories = chats.histories(records);
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
            chats.add(user);
        }
        chats.setUpPairsAndGroup(runId, CONNECT_WITHIN);
        say("%d users on two push nodes, %d pairs and a group of %d", count, settings.pairs(), settings.groupSize());
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
        progress.say(format, args);
    }

    private static void pause(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    @Override
    public void close() {
        chats.close();
        nodes.close();
    }
}
