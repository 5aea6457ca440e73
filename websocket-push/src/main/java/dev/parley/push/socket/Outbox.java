package dev.parley.push.socket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The frames waiting to go out on one socket, written one at a time without blocking any thread: each
 * write is asynchronous and the next starts when it completes. The queue is bounded; when a client reads
 * too slowly for it, the socket is given up ({@code onStuck}) instead of holding memory or other sockets.
 */
final class Outbox {

    private final RemoteEndpoint.Async remote;
    private final int limit;
    private final Consumer<String> onStuck;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean closed;
    /** When the write in progress started (System.nanoTime), for the slow-write check; 0 when idle. */
    private volatile long writingSince;

    Outbox(RemoteEndpoint.Async remote, int limit, Consumer<String> onStuck) {
        this.remote = remote;
        this.limit = limit;
        this.onStuck = onStuck;
    }

    /** Queues a frame; false if the socket is closed or was just given up because its queue was full. */
    boolean offer(String frame) {
        boolean overflowed = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (writing) {
                if (queue.size() >= limit) {
                    closed = true;
                    overflowed = true;
                    queue.clear();
                } else {
                    queue.add(frame);
                    return true;
                }
            } else {
                writing = true;
            }
        }
        if (overflowed) {
            onStuck.accept("the client read too slowly: " + limit + " frames were waiting");
            return false;
        }
        write(frame);
        return true;
    }

    /** How long the current write has waited for the client, in nanoseconds (0 when nothing is being written). */
    long writingForNanos() {
        long since = writingSince;
        return since == 0 ? 0 : System.nanoTime() - since;
    }

    /** True when nothing waits to go out. */
    synchronized boolean drained() {
        return !writing && queue.isEmpty();
    }

    synchronized void close() {
        closed = true;
        queue.clear();
    }

    private void write(String frame) {
        writingSince = System.nanoTime();
        try {
            remote.sendText(frame, this::written);
        } catch (RuntimeException closedUnderneath) {
            written(new SendResult(closedUnderneath));
        }
    }

    private void written(SendResult result) {
        String next;
        synchronized (this) {
            if (!result.isOK()) {
                closed = true;
                queue.clear();
            }
            next = closed ? null : queue.poll();
            if (next == null) {
                writing = false;
                writingSince = 0;
                return;
            }
        }
        write(next);
    }
}
