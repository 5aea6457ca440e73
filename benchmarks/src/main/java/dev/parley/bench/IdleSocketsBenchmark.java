package dev.parley.bench;

import dev.parley.kernel.UserId;
import dev.parley.testing.PushNodeProcess;
import dev.parley.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * How much heap idle sockets cost a push node: a node in its own process with a 1 GiB heap, SOCKETS
 * authenticated sockets opened to it (each a different user, so each also has its registry entry and
 * presence), held for HOLD seconds (through server pings), then the node's heap after a full GC, against
 * the same measure before the first socket. This machine allows a process at most 20,000 open files,
 * which bounds SOCKETS on each side to a little under that.
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dbench=IdleSocketsBenchmark -Dexec.args="SOCKETS [HOLD]"</pre>
 */
public final class IdleSocketsBenchmark {

    private static final int OPENING_AT_ONCE = 200;
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    public static void main(String[] args) throws Exception {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int holdSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        JwtEncoder tokens = TestTokens.encoder();
        try (PushNodeProcess node = PushNodeProcess.start(PushNodeProcess.freePort(), "push-idle", "1g",
                List.of("--server.tomcat.max-connections=25000", "--server.tomcat.accept-count=2000"))) {
            TimeUnit.SECONDS.sleep(5);
            long before = heapAfterGc(node.pid());
            List<HttpClient> clients = List.of(HttpClient.newHttpClient(), HttpClient.newHttpClient(),
                    HttpClient.newHttpClient(), HttpClient.newHttpClient());
            AtomicInteger closed = new AtomicInteger();
            List<WebSocket> open = new ArrayList<>(sockets);
            long start = System.nanoTime();
            for (int from = 0; from < sockets; from += OPENING_AT_ONCE) {
                List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
                for (int i = from; i < Math.min(sockets, from + OPENING_AT_ONCE); i++) {
                    opening.add(clients.get(i % clients.size()).newWebSocketBuilder()
                            .header("Authorization", "Bearer " + TestTokens.sign(tokens, UserId.random()))
                            .buildAsync(URI.create("ws://127.0.0.1:" + node.port() + "/ws"), new Idle(closed)));
                }
                opening.forEach(socket -> open.add(socket.join()));
                if (open.size() % 2_000 == 0 || open.size() == sockets) {
                    System.out.printf(Locale.ROOT, "[bench] %,d sockets open after %.1f s%n", open.size(), (System.nanoTime() - start) / 1e9);
                }
            }
            TimeUnit.SECONDS.sleep(holdSeconds);
            long after = heapAfterGc(node.pid());
            long rssKb = rssKb(node.pid());
            double perSocketKb = (after - before) / (double) sockets;
            System.out.printf(Locale.ROOT, "[bench] %,d sockets held %d s, %d closed by the server; node heap after full GC:"
                            + " %,d KB before, %,d KB with them: %.1f KB a socket, so 1 GiB holds about %,.0f; node RSS %,d MB%n",
                    sockets, holdSeconds, closed.get(), before, after, perSocketKb,
                    (1024.0 * 1024 - before) / perSocketKb, rssKb / 1024);
            open.forEach(WebSocket::abort);
        }
        System.exit(0);
    }

    /** The node's used heap in KB after a full GC, as jcmd reports it. */
    private static long heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info gave no used heap");
        }
        return Long.parseLong(used.group(1));
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    /** A client that reads what comes (pings are answered by the JDK) and notes a close. */
    private record Idle(AtomicInteger closed) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.incrementAndGet();
            return null;
        }
    }
}
