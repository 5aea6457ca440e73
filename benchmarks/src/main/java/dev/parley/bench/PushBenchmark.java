package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.command.CommandSideApplication;
import dev.parley.kernel.UserId;
import dev.parley.testing.PushNodeProcess;
import dev.parley.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Send-to-push latency over real sockets: PAIRS pairs of users, each user with one socket on a push node
 * (its own process, 1 GiB heap), each pair in a direct conversation. An open loop sends {@code send}
 * frames at RATE a second, alternating the pairs and the sender of each pair, and times each message from
 * the moment its frame is written to the moment the other user's socket receives the {@code message}
 * push. After the run it waits up to 30 s for what is still on its way, then counts what was acked but
 * never pushed (lost). The command side runs in this JVM; Kafka, PostgreSQL, Redis and Cassandra on the
 * same machine. Several RATE:SECONDS steps run one after the other on the same sockets; the first warms up.
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dbench=PushBenchmark -Dexec.args="PAIRS RATE:SECONDS [RATE:SECONDS...]"</pre>
 */
public final class PushBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        List<int[]> steps = new ArrayList<>();
        for (int i = 1; i < Math.max(args.length, 2); i++) {
            String[] step = (args.length > i ? args[i] : "500:60").split(":");
            steps.add(new int[] {Integer.parseInt(step[0]), Integer.parseInt(step[1])});
        }
        Map<String, Object> properties = BenchmarkProperties.onRealServers("command-side");
        try (ConfigurableApplicationContext commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties(properties).run();
             PushNodeProcess node = PushNodeProcess.start(PushNodeProcess.freePort(), "push-bench", "1g",
                     List.of("--parley.push.sends-per-second=1000", "--parley.push.frames-per-second=1000"))) {
            JdbcTemplate jdbc = commandSide.getBean(JdbcTemplate.class);
            JwtEncoder tokens = commandSide.getBean(JwtEncoder.class);
            HttpClient http = HttpClient.newHttpClient();
            Clients clients = new Clients();
            List<Pair> all = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                UserId a = account(jdbc);
                UserId b = account(jdbc);
                Client ca = clients.connect(http, node.port(), TestTokens.sign(tokens, a), a);
                Client cb = clients.connect(http, node.port(), TestTokens.sign(tokens, b), b);
                String conversation = ca.call("{\"type\":\"openDirect\",\"id\":\"open\",\"userId\":\"" + b.value() + "\"}")
                        .path("conversationId").asText();
                all.add(new Pair(conversation, ca, cb));
            }
            System.out.printf(Locale.ROOT, "[bench] %d pairs connected to push node %s%n", pairs, node.nodeId());
            long next = 0;
            for (int[] step : steps) {
                next = run(all, clients, step[0], step[1], next);
            }
        }
        System.exit(0);
    }

    record Pair(String conversation, Client a, Client b) {
    }

    /** Sends at {@code rate} for {@code seconds}, then reports; returns the next message number. */
    private static long run(List<Pair> pairs, Clients clients, int rate, int seconds, long first) throws Exception {
        long total = (long) rate * seconds;
        clients.reset(total, first);
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Pair pair = pairs.get((int) (i % pairs.size()));
            boolean fromA = (i / pairs.size()) % 2 == 0;
            long number = first + i;
            clients.sentAt[(int) i] = System.nanoTime();
            (fromA ? pair.a() : pair.b()).send("{\"type\":\"send\",\"id\":\"s" + number + "\",\"conversationId\":\""
                    + pair.conversation() + "\",\"clientMsgId\":\"m" + number + "\",\"text\":\"benchmark message number "
                    + number + "\"}");
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (clients.received.get() < clients.acked.get() && System.nanoTime() < drainDeadline
                || clients.acked.get() + clients.errors.get() < total && System.nanoTime() < drainDeadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        double allSeconds = (System.nanoTime() - start) / 1e9;
        long[] latencies = Arrays.stream(clients.latencyNanos).filter(l -> l > 0).sorted().toArray();
        long received = clients.received.get();
        long acked = clients.acked.get();
        System.out.printf(Locale.ROOT, "[bench] rate %d/s for %d s: %d sent in %.1f s, %d acked, %d refused, %d pushed to"
                        + " the receiver (%d lost) in %.1f s (%.0f/s); send-to-push p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms%n", rate, seconds, total, sendSeconds, acked, clients.errors.get(), received,
                Math.max(0, acked - received), allSeconds, received / allSeconds, percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
        if (clients.firstError != null) {
            System.out.println("[bench] first refusal: " + clients.firstError);
        }
        return first + total;
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static UserId account(JdbcTemplate jdbc) {
        UserId user = UserId.random();
        jdbc.update("INSERT INTO user_accounts (user_id, username, password_hash) VALUES (?, ?, 'x')",
                user.value(), "p" + user.value().replace("-", "").substring(0, 24));
        return user;
    }

    /** What every socket of the run hears, counted together. */
    static final class Clients {
        volatile long[] sentAt = new long[0];
        volatile long[] latencyNanos = new long[0];
        volatile long first;
        final AtomicLong acked = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        volatile String firstError;

        void reset(long total, long first) {
            this.first = first;
            sentAt = new long[(int) total];
            latencyNanos = new long[(int) total];
            acked.set(0);
            errors.set(0);
            received.set(0);
            firstError = null;
        }

        Client connect(HttpClient http, int port, String token, UserId user) {
            Client client = new Client(this, user);
            client.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client).join();
            return client;
        }

        void heard(Client client, String text) {
            try {
                JsonNode frame = JSON.readTree(text);
                switch (frame.path("type").asText()) {
                    case "ack" -> {
                        if (frame.path("id").asText().startsWith("s")) {
                            acked.incrementAndGet();
                        }
                    }
                    case "error" -> {
                        errors.incrementAndGet();
                        if (firstError == null) {
                            firstError = text;
                        }
                    }
                    case "message" -> {
                        if (!frame.path("senderId").asText().equals(client.user.value())) {
                            long number = Long.parseLong(frame.path("clientMsgId").asText().substring(1)) - first;
                            if (number >= 0 && number < latencyNanos.length && latencyNanos[(int) number] == 0) {
                                latencyNanos[(int) number] = System.nanoTime() - sentAt[(int) number];
                                received.incrementAndGet();
                            }
                        }
                    }
                    default -> {
                    }
                }
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        }
    }

    /** One user's socket. */
    static final class Client implements WebSocket.Listener {
        private final Clients clients;
        private final UserId user;
        private final StringBuilder partial = new StringBuilder();
        private final Map<String, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
        private final Object sending = new Object();
        WebSocket socket;

        Client(Clients clients, UserId user) {
            this.clients = clients;
            this.user = user;
        }

        JsonNode call(String frame) throws Exception {
            String id = JSON.readTree(frame).path("id").asText();
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            calls.put(id, reply);
            send(frame);
            return reply.get(30, TimeUnit.SECONDS);
        }

        void send(String frame) {
            // The JDK's socket takes one outstanding write at a time.
            synchronized (sending) {
                socket.sendText(frame, true).join();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                CompletableFuture<JsonNode> waiting = calls.isEmpty() ? null : replyFor(text);
                if (waiting == null) {
                    clients.heard(this, text);
                }
            }
            webSocket.request(1);
            return null;
        }

        private CompletableFuture<JsonNode> replyFor(String text) {
            try {
                JsonNode frame = JSON.readTree(text);
                CompletableFuture<JsonNode> waiting = calls.remove(frame.path("id").asText(""));
                if (waiting != null) {
                    waiting.complete(frame);
                }
                return waiting;
            } catch (Exception e) {
                return null;
            }
        }
    }
}
