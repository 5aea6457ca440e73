package dev.parley.push.socket;

import dev.parley.push.frames.Client;
import dev.parley.kernel.UserId;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client's connection: who it is, its outbound queue, its inbound frame budget, and the highest
 * {@code seq} pushed to it per conversation (so a message redelivered by the fan-out is not pushed twice).
 */
public final class ClientSocket implements Client {

    /** What {@link #assemble} answers for a frame past the limit. */
    static final String TOO_LARGE = new String("too large");

    /** Conversations whose last pushed seq a socket remembers; older ones are forgotten first. */
    private static final int REMEMBERED_CONVERSATIONS = 2_000;

    private final WebSocketSession session;
    private final UserId user;
    /** The sign-in session of the token the socket was opened with: signing it out closes the socket. */
    private final String sessionId;
    private final Instant tokenExpiresAt;
    private final Outbox outbox;
    private final Bucket frames;
    private final Map<String, Long> lastPushedSeq = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_CONVERSATIONS;
        }
    };
    private volatile long lastInboundNanos = System.nanoTime();
    /** The parts of a frame still coming; null between frames, so an idle socket holds no buffer. */
    private StringBuilder partial;

    /** @param frames the socket's own bucket of inbound frames, in memory: it is taken from on every frame */
    ClientSocket(WebSocketSession session, UserId user, String sessionId, Instant tokenExpiresAt, Outbox outbox,
                 Bucket frames) {
        this.session = session;
        this.user = user;
        this.sessionId = sessionId;
        this.tokenExpiresAt = tokenExpiresAt;
        this.outbox = outbox;
        this.frames = frames;
    }

    public UserId user() {
        return user;
    }

    String sessionId() {
        return sessionId;
    }

    public String id() {
        return session.getId();
    }

    /** Queues a reply or push; false if the socket is gone. */
    public boolean send(String frame) {
        return outbox.offer(frame);
    }

    /** Queues a message push unless a message with this seq or a later one was already pushed here. */
    boolean sendMessage(String conversationId, long seq, String frame) {
        synchronized (lastPushedSeq) {
            Long last = lastPushedSeq.get(conversationId);
            if (last != null && last >= seq) {
                return false;
            }
            lastPushedSeq.put(conversationId, seq);
        }
        return send(frame);
    }

    public long takeFrame() {
        ConsumptionProbe probe = frames.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /**
     * Adds a part of an inbound frame: the whole frame once its last part came, null while more is to
     * come, {@link #TOO_LARGE} (compare by identity) once it is longer than {@code limit} characters.
     */
    String assemble(String part, boolean last, int limit) {
        if (partial == null && last) {
            return part.length() > limit ? TOO_LARGE : part;
        }
        if (partial == null) {
            partial = new StringBuilder(part.length() * 2);
        }
        if (partial.length() + part.length() > limit) {
            partial = null;
            return TOO_LARGE;
        }
        partial.append(part);
        if (!last) {
            return null;
        }
        String frame = partial.toString();
        partial = null;
        return frame;
    }

    void heard() {
        lastInboundNanos = System.nanoTime();
    }

    long silentForNanos() {
        return System.nanoTime() - lastInboundNanos;
    }

    Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    Outbox outbox() {
        return outbox;
    }

    WebSocketSession session() {
        return session;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    /** Closes with {@code status}; a socket already closed stays so. The caller must not be a delivery thread (it may block). */
    void close(CloseStatus status) {
        outbox.close();
        try {
            session.close(status);
        } catch (IOException | RuntimeException alreadyGone) {
            // the connection is gone either way
        }
    }
}
