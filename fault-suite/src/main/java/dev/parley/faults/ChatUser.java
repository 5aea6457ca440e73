package dev.parley.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ChatSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One user behaving as a real client app does: one socket to its home push node (the other node when
 * its home does not answer), sends with a {@code clientMsgId} that it keeps when it resends after an
 * {@code UNAVAILABLE}, another refusal or no answer, reconnects after a close and catches up with
 * {@code conversations} and {@code history}, and fills a seq gap in its pushes the same way. What it saw
 * goes into the current phase's {@link ClientRecord}.
 */
final class ChatUser {

    private static final Duration RESEND_BACKOFF = Duration.ofMillis(500);
    private static final Duration RECONNECT_BACKOFF = Duration.ofMillis(500);
    /** A gap in the live pushes may be a push still on its way: it is filled when it lasts this long. */
    private static final Duration GAP_PATIENCE = Duration.ofSeconds(1);
    private static final Duration REPLY_POLL = Duration.ofMillis(200);
    private static final int HISTORY_PAGE = 100;
    private static final List<String> OTHER_PUSHES = List.of("receipt", "typing", "presence", "membership");

    private final String name;
    private final String userId;
    private final String token;
    private final List<Integer> ports;
    private final Duration ackTimeout;
    /** Every seq this client holds per conversation, pushed live or caught up. */
    private final Map<String, NavigableSet<Long>> held = new ConcurrentHashMap<>();
    /** Pushes taken from the current connection, to tell a duplicate push from a later connection's. */
    private final Set<String> pushedOnThisConnection = ConcurrentHashMap.newKeySet();
    private volatile ChatSocket socket;
    private volatile boolean broken;
    private volatile ClientRecord record = new ClientRecord();
    private volatile long gapSeenAt;

    /** {@code ports}: its home push node first, then the others it falls back to. */
    ChatUser(String name, String userId, String token, List<Integer> ports, Duration ackTimeout) {
        this.name = name;
        this.userId = userId;
        this.token = token;
        this.ports = List.copyOf(ports);
        this.ackTimeout = ackTimeout;
    }

    String name() {
        return name;
    }

    String userId() {
        return userId;
    }

    ClientRecord record() {
        return record;
    }

    /** From now on, what this client sees goes into {@code next}. */
    void recordInto(ClientRecord next) {
        record = next;
    }

    /** Connects to the first node that accepts, trying them in turn until {@code within} has passed. */
    boolean connect(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            for (int port : ports) {
                try {
                    replaceSocket(ChatSocket.connect(port, token));
                    return true;
                } catch (RuntimeException refused) {
                    // node down or not accepting yet: try the next one
                }
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(RECONNECT_BACKOFF);
        }
    }

    /** Takes the pushes that have arrived; called often from one poller thread for every user. */
    synchronized void takePushes() {
        ChatSocket current = socket;
        if (current == null) {
            return;
        }
        long now = System.nanoTime();
        for (JsonNode push : current.takeAll("message")) {
            String conversation = push.path("conversationId").asText();
            long seq = push.path("seq").asLong();
            if (!pushedOnThisConnection.add(conversation + "#" + seq)) {
                record.duplicatePush();
                continue;
            }
            record.pushed(conversation, seq, now);
            if (seq > contiguous(conversation) + 1 && gapSeenAt == 0) {
                gapSeenAt = now;
            }
            hold(conversation, seq);
        }
        OTHER_PUSHES.forEach(current::takeAll);
    }

    /**
     * Sends to {@code conversations} in turn, one message every {@code interval}, until {@code stopping}
     * says so; then keeps resending its last unacknowledged message until {@code drainDeadline} says
     * ({@link System#nanoTime()}, set when the phase stops).
     */
    void chat(List<String> conversations, String tag, Duration interval, BooleanSupplier stopping, LongSupplier drainDeadline) {
        int sent = 0;
        String[] pending = null;
        long firstTriedAt = 0;
        long nextSendAt = System.nanoTime() + (long) (Math.random() * interval.toNanos());
        while (true) {
            long now = System.nanoTime();
            if (stopping.getAsBoolean() && (pending == null || now > drainDeadline.getAsLong())) {
                if (pending != null) {
                    record.gaveUp();
                }
                return;
            }
            if (socket.isClosed() || broken) {
                record.closed(socket.isClosed() ? socket.awaitClose(Duration.ofMillis(1)) : -1);
                if (!reconnectAndCatchUp(stopping, drainDeadline)) {
                    continue;
                }
            }
            if (gapSeenAt != 0 && now - gapSeenAt > GAP_PATIENCE.toNanos()) {
                catchUp(true);
            }
            if (pending == null) {
                if (stopping.getAsBoolean()) {
                    continue;
                }
                if (now < nextSendAt) {
                    pause(Duration.ofNanos(Math.min(nextSendAt - now, REPLY_POLL.toNanos())));
                    continue;
                }
                String conversation = conversations.get(sent % conversations.size());
                sent++;
                pending = new String[] {conversation, tag + "-" + name + "-" + sent};
                firstTriedAt = now;
                nextSendAt += interval.toNanos();
            }
            JsonNode reply = request("send", "conversationId", pending[0], "clientMsgId", pending[1],
                    "text", "message " + pending[1]);
            long answeredAt = System.nanoTime();
            if (reply != null && "ack".equals(reply.path("type").asText())) {
                record.acked(new ClientRecord.Ack(pending[0], pending[1], reply.path("seq").asLong(),
                        reply.path("messageId").asText(), firstTriedAt, answeredAt));
                pending = null;
            } else {
                record.failed(reply == null ? (socket.isClosed() || broken ? "closed" : "no answer")
                        : reply.path("code").asText("?"), answeredAt);
                if (reply != null) {
                    pause(RESEND_BACKOFF);
                }
            }
        }
    }

    /**
     * Fetches what this client missed: {@code conversations}, then {@code history} after the last seq it
     * holds without a gap, for each conversation whose {@code lastSeq} is above it. False if a request
     * was refused or unanswered (the client tries again later). {@code counted}: whether it goes into
     * the record as something the client had to do (the suite's own check at a phase's end does not).
     */
    boolean catchUp(boolean counted) {
        JsonNode summaries = request("conversations");
        if (!isAck(summaries)) {
            return false;
        }
        for (JsonNode summary : summaries.path("conversations")) {
            String conversation = summary.path("conversationId").asText();
            long lastSeq = summary.path("lastSeq").asLong();
            long after = contiguous(conversation);
            while (after < lastSeq) {
                JsonNode page = request("history", "conversationId", conversation, "afterSeq", after, "limit", HISTORY_PAGE);
                if (!isAck(page)) {
                    return false;
                }
                if (page.path("messages").isEmpty()) {
                    break;
                }
                for (JsonNode message : page.path("messages")) {
                    hold(conversation, message.path("seq").asLong());
                    after = Math.max(after, message.path("seq").asLong());
                }
            }
        }
        gapSeenAt = 0;
        if (counted) {
            record.caughtUp();
        }
        return true;
    }

    /** The whole history of a conversation as the server holds it now, or null if it did not answer. */
    List<JsonNode> history(String conversation) {
        List<JsonNode> messages = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = request("history", "conversationId", conversation, "afterSeq", after, "limit", HISTORY_PAGE);
            if (!isAck(page)) {
                return null;
            }
            if (page.path("messages").isEmpty()) {
                return messages;
            }
            for (JsonNode message : page.path("messages")) {
                messages.add(message);
                after = Math.max(after, message.path("seq").asLong());
            }
        }
    }

    /** Whether this client holds the message (live or caught up). */
    boolean holds(String conversation, long seq) {
        NavigableSet<Long> seqs = held.get(conversation);
        return seqs != null && seqs.contains(seq);
    }

    /** Sends a command and returns its reply, or null if none came within the ack timeout or the socket broke. */
    JsonNode request(String type, Object... namesAndValues) {
        ChatSocket current = socket;
        if (current == null || current.isClosed() || broken) {
            return null;
        }
        // Replies that came after this client stopped waiting for them are of no use any more.
        current.takeAll("ack");
        current.takeAll("error");
        String id;
        try {
            id = current.send(type, namesAndValues);
        } catch (RuntimeException sendFailed) {
            broken = true;
            return null;
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        while (System.nanoTime() < deadline && !current.isClosed()) {
            try {
                return current.take(frame -> id.equals(frame.path("id").asText(null)), REPLY_POLL);
            } catch (AssertionError notYet) {
                // keep waiting, unless the socket closed meanwhile
            }
        }
        return null;
    }

    void close() {
        ChatSocket current = socket;
        if (current != null) {
            current.close();
        }
    }

    private boolean reconnectAndCatchUp(BooleanSupplier stopping, LongSupplier drainDeadline) {
        while (!connect(RECONNECT_BACKOFF)) {
            if (stopping.getAsBoolean() && System.nanoTime() > drainDeadline.getAsLong()) {
                return false;
            }
        }
        record.reconnected();
        // A failed catch-up is not fatal: the gap stays visible and is filled on the next try.
        if (!catchUp(true)) {
            gapSeenAt = System.nanoTime();
        }
        return true;
    }

    /** Swaps in a new connection, first taking what the old one received. */
    private synchronized void replaceSocket(ChatSocket next) {
        if (socket != null) {
            takePushes();
            socket.close();
        }
        pushedOnThisConnection.clear();
        socket = next;
        broken = false;
    }

    private void hold(String conversation, long seq) {
        held.computeIfAbsent(conversation, any -> new ConcurrentSkipListSet<>()).add(seq);
    }

    /** The highest seq up to which this client holds every message of the conversation. */
    private long contiguous(String conversation) {
        NavigableSet<Long> seqs = held.get(conversation);
        long upTo = 0;
        if (seqs != null) {
            for (long seq : seqs) {
                if (seq != upTo + 1) {
                    break;
                }
                upTo = seq;
            }
        }
        return upTo;
    }

    private static boolean isAck(JsonNode reply) {
        return reply != null && "ack".equals(reply.path("type").asText());
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
