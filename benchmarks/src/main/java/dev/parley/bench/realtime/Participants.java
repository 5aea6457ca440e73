package dev.parley.bench.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Sets the run up as a client app would: users registered and signed in over REST, one socket each, a
 * direct conversation per pair ({@code openDirect}) and groups ({@code createGroup}). Every user is new, with
 * a run id in the username, so runs never share state.
 */
final class Participants {

    record DirectPair(String conversationId, UserSocket a, UserSocket b) {
    }

    record Group(String conversationId, List<UserSocket> members) {
    }

    /** Sign-ins run Argon2id on the server: a few at a time keep the 2 cores from queueing them all. */
    private static final int PARALLEL_SIGN_UPS = 4;
    private static final int PARALLEL_CONNECTS = 50;
    /** How often a set-up command is sent before its refusal ends the run. */
    private static final int SETUP_ATTEMPTS = 5;
    /** The protocol's limit of user ids in one createGroup or addMembers. */
    private static final int IDS_PER_COMMAND = 256;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MEMBERSHIP_WAIT = Duration.ofSeconds(60);

    private final ParleyRest rest;
    private final HttpClient http;
    private final URI ws;
    private final UserSocket.Frames frames;
    private final String runId;
    private final List<UserSocket> sockets = new ArrayList<>();

    Participants(ParleyRest rest, HttpClient http, URI ws, UserSocket.Frames frames, String runId) {
        this.rest = rest;
        this.http = http;
        this.ws = ws;
        this.frames = frames;
        this.runId = runId;
    }

    List<UserSocket> sockets() {
        return sockets;
    }

    /** Registers, signs in and connects {@code count} new users, named after {@code role}. */
    List<UserSocket> join(String role, int count) throws Exception {
        ExecutorService signUps = Executors.newFixedThreadPool(PARALLEL_SIGN_UPS);
        List<CompletableFuture<ParleyRest.Account>> accounts = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        try {
            for (int i = 0; i < count; i++) {
                String username = String.format(Locale.ROOT, "rl%s_%s%d", runId, role, i);
                accounts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        ParleyRest.Account account = rest.register(username, "ladder-" + runId + "-password", username);
                        int n = done.incrementAndGet();
                        if (n % 50 == 0 || n == count) {
                            System.out.printf(Locale.ROOT, "[ladder] %s: %d of %d users registered and signed in%n", role, n, count);
                        }
                        return account;
                    } catch (Exception e) {
                        throw new IllegalStateException("could not register " + username + ": " + e, e);
                    }
                }, signUps));
            }
            CompletableFuture.allOf(accounts.toArray(CompletableFuture[]::new)).join();
        } finally {
            signUps.shutdownNow();
        }
        List<UserSocket> joined = new ArrayList<>();
        for (int from = 0; from < count; from += PARALLEL_CONNECTS) {
            List<CompletableFuture<UserSocket>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + PARALLEL_CONNECTS); i++) {
                batch.add(UserSocket.connect(http, ws, accounts.get(i).join(), frames));
            }
            batch.forEach(socket -> joined.add(socket.join()));
        }
        sockets.addAll(joined);
        System.out.printf(Locale.ROOT, "[ladder] %s: %d sockets open%n", role, joined.size());
        return joined;
    }

    /** Pairs the users two by two, one direct conversation each, opened by the first of the pair. */
    List<DirectPair> pair(List<UserSocket> users) throws Exception {
        List<CompletableFuture<DirectPair>> opening = new ArrayList<>();
        for (int i = 0; i + 1 < users.size(); i += 2) {
            UserSocket a = users.get(i);
            UserSocket b = users.get(i + 1);
            opening.add(retried(() -> a.call("openDirect", Map.of("userId", b.userId()), CALL_TIMEOUT), SETUP_ATTEMPTS)
                    .thenApply(reply -> new DirectPair(conversationOf("openDirect", reply), a, b)));
        }
        List<DirectPair> pairs = opening.stream().map(CompletableFuture::join).toList();
        awaitMembership("pairs", pairs.size(),
                () -> pairs.stream().filter(p -> p.a().heardOf(p.conversationId()) && p.b().heardOf(p.conversationId())).count());
        return pairs;
    }

    /** One group of all these users, created by the first, who adds the rest in as few commands as the protocol allows. */
    Group group(String title, List<UserSocket> members) throws Exception {
        UserSocket creator = members.get(0);
        List<String> others = members.subList(1, members.size()).stream().map(UserSocket::userId).toList();
        List<String> first = others.subList(0, Math.min(others.size(), IDS_PER_COMMAND));
        // A group id of the client's choosing, so that a retried createGroup cannot make a second group.
        String chosenId = "g:" + UUID.randomUUID();
        String conversationId = conversationOf("createGroup", retried(() -> creator.call("createGroup",
                Map.of("conversationId", chosenId, "title", title, "memberIds", first), CALL_TIMEOUT), SETUP_ATTEMPTS).get());
        for (int from = first.size(); from < others.size(); from += IDS_PER_COMMAND) {
            List<String> batch = others.subList(from, Math.min(others.size(), from + IDS_PER_COMMAND));
            requireAck("addMembers", retried(() -> creator.call("addMembers", Map.of("conversationId", conversationId,
                    "userIds", batch), CALL_TIMEOUT), SETUP_ATTEMPTS).get());
        }
        return new Group(conversationId, List.copyOf(members));
    }

    /** Waits until every member's socket has heard of its group, so the fan-out knows the member set. */
    void awaitGroups(List<Group> groups) throws InterruptedException {
        int members = groups.stream().mapToInt(g -> g.members().size()).sum();
        awaitMembership("group members", members, () -> groups.stream().mapToLong(g ->
                g.members().stream().filter(m -> m.heardOf(g.conversationId())).count()).sum());
    }

    void closeAll() {
        sockets.forEach(UserSocket::close);
    }

    /**
     * Waits until {@code heard} counts {@code expected} sockets told of their conversation by a membership push:
     * then the fan-out has the member set and the first message is not timed against that set-up.
     */
    private static void awaitMembership(String what, long expected, LongSupplier heard) throws InterruptedException {
        long deadline = System.nanoTime() + MEMBERSHIP_WAIT.toNanos();
        long count = heard.getAsLong();
        while (count < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            count = heard.getAsLong();
        }
        if (count < expected) {
            System.out.printf(Locale.ROOT, "[ladder] warning: only %d of %d %s had their membership push after %d s%n",
                    count, expected, what, MEMBERSHIP_WAIT.toSeconds());
        }
    }

    /**
     * The call's reply, the call made again after a pause while Parley answers UNAVAILABLE or RATE_LIMITED
     * (a cold node sheds early commands), up to {@code attempts} times: each set-up command is safe to repeat.
     */
    private static CompletableFuture<JsonNode> retried(Supplier<CompletableFuture<JsonNode>> call, int attempts) {
        return call.get().thenCompose(reply -> {
            String code = reply.path("code").asText();
            if (attempts > 1 && (code.equals("UNAVAILABLE") || code.equals("RATE_LIMITED"))) {
                return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                        .thenCompose(ignored -> retried(call, attempts - 1));
            }
            return CompletableFuture.completedFuture(reply);
        });
    }

    private static String conversationOf(String command, JsonNode reply) {
        return requireAck(command, reply).path("conversationId").asText();
    }

    private static JsonNode requireAck(String command, JsonNode reply) {
        if (!"ack".equals(reply.path("type").asText())) {
            throw new IllegalStateException(command + " was refused: " + reply);
        }
        return reply;
    }
}
