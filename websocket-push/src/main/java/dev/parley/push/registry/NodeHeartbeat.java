package dev.parley.push.registry;

import dev.parley.push.PushProperties;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's entry in the session registry alive: written once before the web server accepts a
 * socket, then renewed every heartbeat interval from that moment, on a thread of its own.
 * <p>
 * Why before the sockets: a socket accepted while the node had no entry yet registers a user on a node its
 * peers cannot see, and a node whose first renewal waited for the end of a slow start could be reaped
 * between the two. Why a thread of its own: on the context's one scheduling thread a renewal queues
 * behind every other periodic job, and one slow job (a reap sending many users offline, a server that
 * does not answer) would make a live node look dead to its peers.
 */
@Component
public class NodeHeartbeat implements SmartLifecycle {

    /**
     * The phase of what must be ready before this node takes its first socket: it starts before the web
     * server (which starts at {@code SMART_LIFECYCLE_PHASE - 1024}) and stops after it.
     */
    public static final int BEFORE_SOCKETS = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;

    private final SessionRegistry registry;
    private final PushProperties properties;
    private ThreadPoolTaskScheduler renewals;
    private ScheduledFuture<?> renewing;

    NodeHeartbeat(SessionRegistry registry, PushProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        registry.heartbeat();
        renewals = new ThreadPoolTaskScheduler();
        renewals.setPoolSize(1);
        renewals.setThreadNamePrefix("parley-heartbeat-");
        renewals.setDaemon(true);
        renewals.initialize();
        renewing = renewals.scheduleWithFixedDelay(registry::heartbeat,
                Instant.now().plus(properties.heartbeatInterval()), properties.heartbeatInterval());
    }

    @Override
    public synchronized void stop() {
        if (renewing != null) {
            renewing.cancel(false);
            renewals.shutdown();
            renewing = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return renewing != null;
    }

    @Override
    public int getPhase() {
        return BEFORE_SOCKETS;
    }
}
