package dev.parley.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.readmodel.conversation.MessageBuckets;
import dev.parley.query.QuerySideApplication;
import dev.parley.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The latency of {@code GET /api/conversations/{id}/messages} (the latest 50, a client opening a
 * conversation) through the real query side over real Cassandra. It writes CONVERSATIONS conversations of
 * MESSAGES messages each as the projection writes them, then CLIENTS threads each send requests one after
 * another for SECONDS (after WARM_UP seconds of the same, 30 by default: the JIT compiles the path during
 * the first), to a conversation picked at random, and reports the latency percentiles seen by the
 * clients and the rate. Client and server share this JVM, and Cassandra the machine.
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dbench=MessageReadBenchmark -Dexec.args="CONVERSATIONS MESSAGES CLIENTS SECONDS [WARM_UP]"</pre>
 */
public final class MessageReadBenchmark {

    private static final int WRITES_IN_FLIGHT = 256;

    public static void main(String[] args) throws Exception {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int warmUpSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QuerySideApplication.class)
                .properties(BenchmarkProperties.onRealServers("query-side")).run()) {
            UserId reader = UserId.random();
            List<ConversationId> ids = write(app.getBean(CqlSession.class), reader, conversations, messages);
            String token = token(app.getBean(JwtEncoder.class), reader);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();

            run(port, token, ids, clients, warmUpSeconds);
            long[] latencies = run(port, token, ids, clients, seconds);
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "[bench] %,d requests in %d s by %d clients: %.0f/s; latency p50 %.2f ms,"
                            + " p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies.length, seconds, clients,
                    latencies.length / (double) seconds, percentile(latencies, 50), percentile(latencies, 90),
                    percentile(latencies, 99), latencies[latencies.length - 1] / 1e6);
        }
        System.exit(0);
    }

    /** Conversations the reader is a member of, each with its messages, as the conversations projection writes them. */
    private static List<ConversationId> write(CqlSession cassandra, UserId reader, int conversations, int messages) {
        PreparedStatement message = cassandra.prepare("INSERT INTO messages (conversation_id, bucket, seq, message_id,"
                + " sender_id, client_msg_id, sent_at, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        Instant now = Instant.now();
        List<ConversationId> ids = new ArrayList<>();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            UserId other = UserId.random();
            ConversationId id = ConversationId.direct(reader, other);
            ids.add(id);
            cassandra.execute("INSERT INTO conversations (conversation_id, kind, created_by, created_at, updated_at, last_seq)"
                    + " VALUES (?, 'direct', ?, ?, ?, ?)", id.value(), reader.value(), now, now, (long) messages);
            for (UserId member : List.of(reader, other)) {
                cassandra.execute("INSERT INTO members_by_conversation (conversation_id, user_id, admin, joined_at)"
                        + " VALUES (?, ?, false, ?)", id.value(), member.value(), now);
            }
            for (long seq = 1; seq <= messages; seq++) {
                writes.add(cassandra.executeAsync(message.bind(id.value(), MessageBuckets.of(seq), seq, "m-" + seq,
                        (seq % 2 == 0 ? other : reader).value(), "c-" + seq, now.plusMillis(seq),
                        "a benchmark message of about fifty characters, more or less")).toCompletableFuture());
                if (writes.size() == WRITES_IN_FLIGHT) {
                    writes.forEach(CompletableFuture::join);
                    writes.clear();
                }
            }
        }
        writes.forEach(CompletableFuture::join);
        System.out.printf("[bench] wrote %,d conversations of %,d messages%n", conversations, messages);
        return ids;
    }

    /** Each client's latencies (nanoseconds), every request answered 200 with 50 messages or the run fails. */
    private static long[] run(int port, String token, List<ConversationId> ids, int clients, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<CompletableFuture<long[]>> runs = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < end) {
                    ConversationId id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/conversations/" + id.value() + "/messages")).header("Authorization", "Bearer " + token).build();
                    long start = System.nanoTime();
                    HttpResponse<String> response;
                    try {
                        response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    long latency = System.nanoTime() - start;
                    if (response.statusCode() != 200 || !response.body().contains("\"seq\"")) {
                        throw new IllegalStateException("answer " + response.statusCode() + ": " + response.body());
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = latency;
                }
                return Arrays.copyOf(latencies, count);
            }, runnable -> new Thread(runnable).start()));
        }
        return runs.stream().map(CompletableFuture::join).flatMapToLong(Arrays::stream).toArray();
    }

    private static String token(JwtEncoder tokens, UserId user) {
        return TestTokens.sign(tokens, user, "user");
    }

    private static double percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)] / 1e6;
    }
}
