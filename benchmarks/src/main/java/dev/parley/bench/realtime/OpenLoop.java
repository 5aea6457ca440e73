package dev.parley.bench.realtime;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces sends evenly at a fixed rate on the calling thread, open loop: message {@code n} is due at
 * {@code start + n / rate} whatever happened to the ones before it, so a slow server never slows the
 * offered load (writes do not block: see {@link UserSocket#send}). Evenly spread rather than a burst per
 * second, so the latencies are the server's and not a queue the client built.
 */
final class OpenLoop {

    interface Sender {
        void send(int n, long intendedNanos);
    }

    /** How the sending went: {@code maxLateMillis} is how far behind its schedule the sender ever was. */
    record Pace(long messages, long startNanos, long endNanos, double maxLateMillis) {
    }

    private OpenLoop() {
    }

    static Pace run(int perSecond, int seconds, Sender sender) {
        int messages = Math.multiplyExact(perSecond, seconds);
        long start = System.nanoTime();
        long maxLate = 0;
        for (int n = 0; n < messages; n++) {
            long due = start + n * 1_000_000_000L / perSecond;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLate = Math.max(maxLate, System.nanoTime() - due);
            sender.send(n, due);
        }
        // The step lasts its full time even though the last message is due 1/rate before the end.
        long end = start + seconds * 1_000_000_000L;
        long wait;
        while ((wait = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return new Pace(messages, start, System.nanoTime(), maxLate / 1e6);
    }
}
