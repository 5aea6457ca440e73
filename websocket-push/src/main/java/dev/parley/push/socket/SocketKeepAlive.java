package dev.parley.push.socket;

import dev.parley.push.PushProperties;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;

/**
 * Keeps sockets honest: pings each one, closes those that went silent (no frame, no pong) past the idle
 * timeout, those whose token expired (the client reconnects with a fresh one), and those whose client has
 * not read a frame for longer than the slow-write limit.
 */
@Component
class SocketKeepAlive {

    /**
     * Close code for an expired or signed-out token: the client refreshes its tokens (or signs in again),
     * takes a new ticket and reconnects.
     */
    static final int TOKEN_EXPIRED = 4001;

    private final LocalSockets sockets;
    private final PushProperties properties;
    /** A ping is a blocking write: pings go out on threads of their own, bounded by the blocking-send timeout. */
    private final ExecutorService pinger = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "parley-pinger");
        thread.setDaemon(true);
        return thread;
    });

    SocketKeepAlive(LocalSockets sockets, PushProperties properties) {
        this.sockets = sockets;
        this.properties = properties;
    }

    @Scheduled(fixedDelay = 1_000)
    void closeTheDeadAndTheSlow() {
        Instant now = Instant.now();
        for (ClientSocket socket : sockets.all()) {
            if (socket.silentForNanos() > properties.idleTimeout().toNanos()) {
                sockets.closeLater(socket, CloseStatus.NORMAL.withReason("idle: nothing heard for "
                        + properties.idleTimeout().toSeconds() + " s"));
            } else if (socket.tokenExpiresAt() != null && now.isAfter(socket.tokenExpiresAt())) {
                sockets.closeLater(socket, new CloseStatus(TOKEN_EXPIRED, "token expired: refresh it and reconnect"));
            } else if (socket.outbox().writingForNanos() > properties.slowWriteLimit().toNanos()) {
                sockets.closeLater(socket, CloseStatus.POLICY_VIOLATION.withReason("the client stopped reading"));
            }
        }
    }

    @Scheduled(fixedDelayString = "${parley.push.ping-interval:25s}", initialDelayString = "${parley.push.ping-interval:25s}")
    void ping() {
        for (ClientSocket socket : sockets.all()) {
            pinger.execute(() -> {
                try {
                    if (socket.isOpen()) {
                        socket.session().sendMessage(new PingMessage(ByteBuffer.allocate(0)));
                    }
                } catch (Exception gone) {
                    // a socket that cannot take a ping is closed by its own failure
                }
            });
        }
    }
}
