package dev.parley.bench.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One user's socket on {@code /ws}, authenticated with the Authorization header on the upgrade. Writes never
 * block the caller: the JDK's WebSocket takes one outstanding write at a time, so frames wait in an outbox
 * that each completed write drains. That keeps the ladder's sender open-loop: a slow server backs up the
 * outbox, never the pacing thread.
 */
final class UserSocket implements WebSocket.Listener {

    /** Where the frames that belong to the measured traffic go. */
    interface Frames {
        /** An {@code ack} or {@code error} whose id is not one of this socket's set-up calls. */
        void reply(String id, JsonNode frame, long receivedNanos);

        /**
         * A {@code message} push; {@code first} is false when this socket had it already (a duplicate),
         * {@code own} when this socket's user sent it (every member's sockets get it, the sender's included).
         */
        void message(UserSocket to, String clientMsgId, boolean first, boolean own, long receivedNanos);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final ParleyRest.Account account;
    private final Frames frames;
    private final StringBuilder partial = new StringBuilder();
    private final Map<String, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger callIds = new AtomicInteger();
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** Frames of one socket reach the listener one at a time (it asks for one more after each). */
    private final Set<String> seenClientMsgIds = new HashSet<>();
    private final Set<String> conversationsHeardOf = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile WebSocket socket;

    private UserSocket(ParleyRest.Account account, Frames frames) {
        this.account = account;
        this.frames = frames;
    }

    static CompletableFuture<UserSocket> connect(HttpClient http, URI ws, ParleyRest.Account account, Frames frames) {
        UserSocket user = new UserSocket(account, frames);
        return http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .header("Authorization", "Bearer " + account.token())
                .buildAsync(ws, user)
                .thenApply(socket -> {
                    user.socket = socket;
                    return user;
                });
    }

    String userId() {
        return account.userId();
    }

    /** A set-up command (openDirect, createGroup): its reply, ack or error. */
    CompletableFuture<JsonNode> call(String type, Map<String, Object> fields, Duration timeout) {
        String id = "c" + callIds.incrementAndGet();
        ObjectNode frame = JSON.createObjectNode().put("type", type).put("id", id);
        fields.forEach((name, value) -> frame.set(name, JSON.valueToTree(value)));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        calls.put(id, reply);
        send(frame.toString());
        return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues a frame and returns at once. */
    void send(String frame) {
        outbox.add(frame);
        drain();
    }

    /** Whether a {@code membership} push has told this socket about the conversation. */
    boolean heardOf(String conversationId) {
        return conversationsHeardOf.contains(conversationId);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    String closeReason() {
        return closed.getNow(null);
    }

    void close() {
        WebSocket current = socket;
        if (current != null && !current.isOutputClosed()) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done").exceptionally(failure -> null);
        }
        if (current != null) {
            current.abort();
        }
    }

    /** Writes the outbox one frame at a time, on whichever thread finished the previous write. */
    private void drain() {
        while (!outbox.isEmpty() && writing.compareAndSet(false, true)) {
            String next = outbox.poll();
            if (next == null) {
                writing.set(false);
                continue;
            }
            socket.sendText(next, true).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    closed.complete("write failed: " + failure);
                    outbox.clear();
                }
                writing.set(false);
                drain();
            });
            return;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long receivedNanos = System.nanoTime();
            String text = partial.toString();
            partial.setLength(0);
            handle(text, receivedNanos);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String text, long receivedNanos) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        switch (frame.path("type").asText()) {
            case "ack", "error" -> {
                String id = frame.path("id").asText("");
                CompletableFuture<JsonNode> call = calls.remove(id);
                if (call != null) {
                    call.complete(frame);
                } else {
                    frames.reply(id, frame, receivedNanos);
                }
            }
            case "message" -> {
                String clientMsgId = frame.path("clientMsgId").asText();
                boolean first = seenClientMsgIds.add(clientMsgId);
                boolean own = account.userId().equals(frame.path("senderId").asText());
                frames.message(this, clientMsgId, first, own, receivedNanos);
            }
            case "membership" -> conversationsHeardOf.add(frame.path("conversationId").asText());
            default -> {
                // receipts, presence and typing pushes are not measured
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete("closed by the server, " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("failed: " + error);
    }
}
