package dev.parley.bench.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Everything one step's messages did: when each was meant to be sent, its ack or error, and every push of it
 * that reached a socket. A message is numbered within its step; its request id and its {@code clientMsgId}
 * are both the step's tag and that number, so acks and pushes find it without a lookup table, and frames of
 * an earlier step (late pushes after its grace period) are told apart and ignored.
 */
final class StepTraffic implements UserSocket.Frames {

    private static final int UNANSWERED = 0;
    private static final int ACKED = 1;
    private static final int REFUSED = 2;

    /** What a closed step adds up to. */
    record Totals(long sent, long acked, long deliveries, long lost, long duplicated, long timeouts,
                  Map<String, Long> errors, Latency ack, Latency push, Latency lastRecipient) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final String tag;
    /** Atomic for visibility: written by the sender, read by the sockets' threads. */
    private final AtomicLongArray intendedNanos;
    private final AtomicIntegerArray answers;
    /** Per message, the recipients whose sockets have not had its push yet. */
    private final AtomicIntegerArray awaiting;
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder lateForLost = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final ConcurrentHistogram ackLatency = Latency.histogram();
    private final ConcurrentHistogram pushLatency = Latency.histogram();
    private final ConcurrentHistogram lastRecipientLatency = Latency.histogram();
    private volatile boolean closed;

    StepTraffic(int step, int messages) {
        this.tag = "L" + step + "-";
        this.intendedNanos = new AtomicLongArray(messages);
        this.answers = new AtomicIntegerArray(messages);
        this.awaiting = new AtomicIntegerArray(messages);
    }

    /**
     * Registers message {@code n} before it is written (a push may beat the ack) and returns its id.
     * {@code intendedNanos} is when the open loop meant to send it, not when it got round to it: a sender that
     * fell behind must not hide that delay from the latencies (coordinated omission).
     */
    String register(int n, long intendedNanos, int recipients) {
        this.intendedNanos.set(n, intendedNanos);
        awaiting.set(n, recipients);
        sent.increment();
        return tag + n;
    }

    @Override
    public void reply(String id, JsonNode frame, long receivedNanos) {
        int n = number(id);
        if (n < 0 || closed) {
            return;
        }
        boolean isAck = "ack".equals(frame.path("type").asText());
        if (!answers.compareAndSet(n, UNANSWERED, isAck ? ACKED : REFUSED)) {
            return;
        }
        if (isAck) {
            acked.increment();
            Latency.record(ackLatency, receivedNanos - intendedNanos.get(n));
        } else {
            errors.computeIfAbsent(frame.path("code").asText("unknown"), code -> new LongAdder()).increment();
        }
    }

    @Override
    public void message(UserSocket to, String clientMsgId, boolean first, boolean own, long receivedNanos) {
        int n = number(clientMsgId);
        if (n < 0) {
            return;
        }
        if (closed) {
            // Counted lost at the close; whether it came at all after all tells a slow server from a lossy one.
            if (first && !own && answers.get(n) == ACKED) {
                lateForLost.increment();
            }
            return;
        }
        if (!first) {
            duplicates.increment();
            return;
        }
        if (own) {
            return;
        }
        deliveries.increment();
        long latency = receivedNanos - intendedNanos.get(n);
        Latency.record(pushLatency, latency);
        if (awaiting.decrementAndGet(n) == 0) {
            Latency.record(lastRecipientLatency, latency);
        }
    }

    /** Whether every message sent so far is answered and every acked one has reached all its recipients. */
    boolean settled() {
        int upTo = (int) Math.min(intendedNanos.length(), sent.sum());
        for (int n = 0; n < upTo; n++) {
            int answer = answers.get(n);
            if (answer == UNANSWERED || answer == ACKED && awaiting.get(n) > 0) {
                return false;
            }
        }
        return true;
    }

    long sent() {
        return sent.sum();
    }

    long acked() {
        return acked.sum();
    }

    long deliveries() {
        return deliveries.sum();
    }

    /** Of the recipients counted lost at the close, those whose push came afterwards. */
    long lateForLost() {
        return lateForLost.sum();
    }

    long errors() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Stops counting (later frames are ignored) and adds up: lost is, over the acked messages, every recipient
     * that never got the push; a timeout is a message with neither ack nor error.
     */
    Totals close() {
        closed = true;
        int upTo = (int) Math.min(intendedNanos.length(), sent.sum());
        long lost = 0;
        long timeouts = 0;
        for (int n = 0; n < upTo; n++) {
            int answer = answers.get(n);
            if (answer == ACKED) {
                lost += Math.max(0, awaiting.get(n));
            } else if (answer == UNANSWERED) {
                timeouts++;
            }
        }
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((code, count) -> errorCounts.put(code, count.sum()));
        return new Totals(sent.sum(), acked.sum(), deliveries.sum(), lost, duplicates.sum(), timeouts, errorCounts,
                Latency.of(ackLatency), Latency.of(pushLatency), Latency.of(lastRecipientLatency));
    }

    /** The message number in an id of this step, or -1 for any other id. */
    private int number(String id) {
        if (id == null || !id.startsWith(tag)) {
            return -1;
        }
        try {
            int n = Integer.parseInt(id, tag.length(), id.length(), 10);
            return n < intendedNanos.length() ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
