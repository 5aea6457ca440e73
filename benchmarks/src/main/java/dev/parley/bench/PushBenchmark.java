package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parley.command.CommandSideApplication;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.Topics;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.testing.PushNodeProcess;
import dev.parley.testing.RealServers;
import dev.parley.testing.TestTokens;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
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
 * Push latency over real sockets: PAIRS pairs of users, each user with one socket on a push node (its
 * own process, 1 GiB heap), each pair in a direct conversation, and an open loop of RATE messages a
 * second, alternating the pairs and the sender of each pair. Each message is timed to the moment the
 * other user's socket receives its {@code message} push. After each step it waits up to 30 s for what is
 * still on its way, then counts what was sent (acked, in mode sockets) but never pushed: lost.
 * <ul>
 *   <li>MODE {@code sockets}: end to end. Each message is a {@code send} frame, timed from the moment it is
 *   written; the command side (in this JVM) decides and stores it and publishes the event.</li>
 *   <li>MODE {@code topic}: the push tier alone. Each message is a {@code MessageSent} event put on the
 *   events topic as the command side would, timed from the moment it is handed to the Kafka producer;
 *   no command side runs.</li>
 * </ul>
 * Kafka, PostgreSQL, Redis and Cassandra share the machine. Several RATE:SECONDS steps run one after the
 * other on the same sockets; the first warms up.
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dbench=PushBenchmark -Dexec.args="PAIRS MODE RATE:SECONDS [RATE:SECONDS...]"</pre>
 */
public final class PushBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        boolean endToEnd = !(args.length > 1 && args[1].equals("topic"));
        List<int[]> steps = new ArrayList<>();
        for (int i = 2; i < Math.max(args.length, 3); i++) {
            String[] step = (args.length > i ? args[i] : "500:60").split(":");
            steps.add(new int[] {Integer.parseInt(step[0]), Integer.parseInt(step[1])});
        }
        ConfigurableApplicationContext commandSide = endToEnd ? new SpringApplicationBuilder(CommandSideApplication.class)
                .properties(BenchmarkProperties.onRealServers("command-side")).run() : null;
        try (PushNodeProcess node = PushNodeProcess.start(PushNodeProcess.freePort(), "push-bench", "1g",
                     List.of("--parley.push.sends-per-second=1000", "--parley.push.frames-per-second=1000"));
             EventsTopic topic = endToEnd ? null : new EventsTopic()) {
            JwtEncoder tokens = TestTokens.encoder();
            HttpClient http = HttpClient.newHttpClient();
            Clients clients = new Clients();
            List<Pair> all = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                UserId a = endToEnd ? account(commandSide.getBean(JdbcTemplate.class)) : UserId.random();
                UserId b = endToEnd ? account(commandSide.getBean(JdbcTemplate.class)) : UserId.random();
                Client ca = clients.connect(http, node.port(), TestTokens.sign(tokens, a), a);
                Client cb = clients.connect(http, node.port(), TestTokens.sign(tokens, b), b);
                String conversation;
                if (endToEnd) {
                    conversation = ca.call("{\"type\":\"openDirect\",\"id\":\"open\",\"userId\":\"" + b.value() + "\"}")
                            .path("conversationId").asText();
                } else {
                    conversation = topic.open(a, b);
                }
                all.add(new Pair(conversation, ca, cb));
            }
            // Both members' sockets have heard of their conversation once the fan-out has its member set.
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (clients.memberships.get() < 2L * pairs && System.nanoTime() < settle) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            System.out.printf(Locale.ROOT, "[bench] %d pairs connected to push node %s (%s), %d of %d membership pushes%n",
                    pairs, node.nodeId(), endToEnd ? "end to end" : "events put on the topic", clients.memberships.get(), 2L * pairs);
            long next = 0;
            for (int[] step : steps) {
                next = run(all, clients, step[0], step[1], next, topic);
            }
        } finally {
            if (commandSide != null) {
                commandSide.close();
            }
        }
        System.exit(0);
    }

    /** Puts events on the events topic in the Axon record format, as the command side's publisher does. */
    static final class EventsTopic implements AutoCloseable {
        private final KafkaProducer<String, byte[]> producer;
        private final KafkaMessageConverter<String, byte[]> converter;
        private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

        EventsTopic() {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    RealServers.endpoints().kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 2,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
            converter = DefaultKafkaMessageConverter.builder().serializer(JacksonSerializer.builder()
                    .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build()).build();
        }

        String open(UserId a, UserId b) throws Exception {
            ConversationId id = ConversationId.direct(a, b);
            publish(id, new DirectConversationOpened(id, List.of(a, b), a, Instant.now())).get();
            return id.value();
        }

        void message(String conversation, UserId sender, long number) {
            ConversationId id = new ConversationId(conversation);
            long seq = sequences.get(conversation).get() + 1; // the aggregate sequence this event will get
            publish(id, new MessageSent(id, MessageId.random(), seq, sender, "m" + number,
                    "benchmark message number " + number, null, Instant.now()));
        }

        private java.util.concurrent.Future<?> publish(ConversationId id, Object event) {
            long sequence = sequences.computeIfAbsent(id.value(), key -> new AtomicLong(-1)).incrementAndGet();
            var message = new GenericDomainEventMessage<>("Conversation", id.value(), sequence, event);
            return producer.send(converter.createKafkaMessage(message, Topics.EVENTS));
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    record Pair(String conversation, Client a, Client b) {
    }

    /** Sends at {@code rate} for {@code seconds}, then reports; returns the next message number. */
    private static long run(List<Pair> pairs, Clients clients, int rate, int seconds, long first, EventsTopic topic)
            throws Exception {
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
            if (topic != null) {
                topic.message(pair.conversation(), (fromA ? pair.a() : pair.b()).user, number);
                clients.acked.incrementAndGet();
                continue;
            }
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
        long[] acks = Arrays.stream(clients.ackNanos).filter(l -> l > 0).sorted().toArray();
        if (acks.length > 0) {
            System.out.printf(Locale.ROOT, "[bench]   send-to-ack (stored) p50 %.1f ms, p99 %.1f ms%n",
                    percentile(acks, 50), percentile(acks, 99));
        }
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
        volatile long[] ackNanos = new long[0];
        volatile long first;
        final AtomicLong acked = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final AtomicLong memberships = new AtomicLong();
        volatile String firstError;

        void reset(long total, long first) {
            this.first = first;
            sentAt = new long[(int) total];
            latencyNanos = new long[(int) total];
            ackNanos = new long[(int) total];
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
                            long number = Long.parseLong(frame.path("id").asText().substring(1)) - first;
                            if (number >= 0 && number < ackNanos.length) {
                                ackNanos[(int) number] = System.nanoTime() - sentAt[(int) number];
                            }
                            acked.incrementAndGet();
                        }
                    }
                    case "error" -> {
                        errors.incrementAndGet();
                        if (firstError == null) {
                            firstError = text;
                        }
                    }
                    case "membership" -> memberships.incrementAndGet();
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
