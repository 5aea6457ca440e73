package dev.parley.push.socket;

import dev.parley.push.PushProperties;
import dev.parley.push.registry.SessionRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * A node's graceful stop: it refuses new sockets, lets queued frames go out (up to the drain time), closes
 * every socket with 1001 so clients reconnect elsewhere, and leaves the registry, so its users' next pushes
 * go to the nodes they reconnect to. Runs before the web server and the Kafka consumers stop.
 */
@Component
public class NodeDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeDrain.class);
    static final CloseStatus RECONNECT = CloseStatus.GOING_AWAY.withReason("server going away: reconnect");

    private final LocalSockets sockets;
    private final SessionRegistry registry;
    private final PushProperties properties;
    private volatile boolean running;
    private volatile boolean draining;

    NodeDrain(LocalSockets sockets, SessionRegistry registry, PushProperties properties) {
        this.sockets = sockets;
        this.registry = registry;
        this.properties = properties;
    }

    boolean draining() {
        return draining;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        List<ClientSocket> open = sockets.all();
        long deadline = System.nanoTime() + properties.shutdownDrain().toNanos();
        while (System.nanoTime() < deadline && !open.stream().allMatch(socket -> socket.outbox().drained())) {
            sleep(20);
        }
        open.parallelStream().forEach(socket -> socket.close(RECONNECT));
        registry.leaveAll(sockets.users());
        log.info("push node {} drained: {} sockets asked to reconnect", registry.nodeId(), open.size());
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops early: before the web server (which would cut sockets without a close frame) and the consumers. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
