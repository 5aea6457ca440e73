package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A protocol client over a real WebSocket (the JDK's): sends command frames with fresh ids, keeps every
 * frame received, and lets a test wait for a reply or a push. Frames a test has not taken stay queued.
 */
public final class ChatSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> received = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final boolean reading;
    private WebSocket socket;

    private ChatSocket(boolean reading) {
        this.reading = reading;
    }

    /** Connects to {@code /ws} on a local port with the token in the Authorization header. */
    public static ChatSocket connect(int port, String token) {
        return connect(URI.create("ws://127.0.0.1:" + port + "/ws"), Map.of("Authorization", "Bearer " + token), true);
    }

    /**
     * Connects with these headers; a client that is not {@code reading} takes no frame after the upgrade, so
     * the server's writes to it back up (a slow client).
     */
    public static ChatSocket connect(URI uri, Map<String, String> headers, boolean reading) {
        ChatSocket client = new ChatSocket(reading);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri, client.new Listener()).join();
        return client;
    }

    /** The HTTP status a refused upgrade was answered with. */
    public static int refusedUpgradeStatus(URI uri, Map<String, String> headers) {
        try {
            connect(uri, headers, true).close();
            throw new AssertionError("the upgrade was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Sends a command frame and returns its id. */
    public String send(String type, Object... namesAndValues) {
        String id = "r-" + requests.incrementAndGet();
        ObjectNode frame = JSON.createObjectNode().put("type", type).put("id", id);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            frame.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        sendRaw(frame.toString());
        return id;
    }

    /** Sends a command and waits for its reply, ack or error. */
    public JsonNode call(String type, Object... namesAndValues) {
        return reply(send(type, namesAndValues));
    }

    /** Sends a command and waits for its ack; an error reply fails. */
    public JsonNode ack(String type, Object... namesAndValues) {
        JsonNode reply = call(type, namesAndValues);
        if (!"ack".equals(reply.path("type").asText())) {
            throw new AssertionError(type + " was refused: " + reply);
        }
        return reply;
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** The reply to request {@code id}. */
    public JsonNode reply(String id) {
        return take(frame -> id.equals(frame.path("id").asText(null)), Duration.ofSeconds(20));
    }

    /** The first frame of this type not yet taken, waiting for it. */
    public JsonNode next(String type, Duration timeout) {
        return take(frame -> type.equals(frame.path("type").asText()), timeout);
    }

    /** The first frame not yet taken that matches, waiting for it up to {@code timeout}. */
    public synchronized JsonNode take(Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<JsonNode> frames = received.iterator(); frames.hasNext(); ) {
                JsonNode frame = frames.next();
                if (wanted.test(frame)) {
                    frames.remove();
                    return frame;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such frame within " + timeout + "; holding " + received);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /** Every frame of this type not yet taken, taken now, in arrival order. */
    public synchronized List<JsonNode> takeAll(String type) {
        List<JsonNode> taken = new ArrayList<>();
        for (Iterator<JsonNode> frames = received.iterator(); frames.hasNext(); ) {
            JsonNode frame = frames.next();
            if (type.equals(frame.path("type").asText())) {
                frames.remove();
                taken.add(frame);
            }
        }
        return taken;
    }

    /** The close status the server sent, waiting up to {@code timeout} for it. */
    public int awaitClose(Duration timeout) {
        return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(failure -> null);
        }
        socket.abort();
    }

    private synchronized void add(JsonNode frame) {
        received.add(frame);
        notifyAll();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    add(JSON.createObjectNode().put("type", "unreadable").put("text", partial.toString()));
                }
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        /** The JDK answers pings itself; a slow client must not take more frames because one came. */
        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
