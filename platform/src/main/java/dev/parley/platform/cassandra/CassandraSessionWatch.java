package dev.parley.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.internal.core.context.EventBus;
import com.datastax.oss.driver.internal.core.context.InternalDriverContext;
import com.datastax.oss.driver.internal.core.metadata.TopologyEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces the DataStax driver to reconnect when its session has had no usable node for
 * {@code parley.cassandra.session-stuck-timeout} although a node's native port accepts connections.
 *
 * <p>After a Cassandra restart the driver (4.19) was seen, once in a few restarts, to leave its load
 * balancing policy without the node while its pool held a live connection: every query failed with
 * {@link NoNodeAvailableException} for minutes, and nothing in the driver would ever change that. The watch
 * sends one small query every {@code session-check-interval}; only "no node available" while a node's port
 * answers counts, since during a real outage the port is closed and the driver's own reconnection is the
 * cure. It then marks each such node FORCED_DOWN and UP again through the driver's event bus, which closes
 * its pool and tells the policy and the pool manager afresh that the node is up.
 */
public final class CassandraSessionWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CassandraSessionWatch.class);

    private static final SimpleStatement PROBE =
            SimpleStatement.newInstance("SELECT release_version FROM system.local").setIdempotent(true);

    /** The driver coalesces topology events within its debounce window (1 s): FORCE_UP waits for FORCED_DOWN. */
    private static final Duration FORCED_DOWN_WAIT = Duration.ofSeconds(10);

    private final CqlSession session;
    private final Duration stuckTimeout;
    private final int portConnectTimeoutMillis;
    private final ScheduledExecutorService checks;

    // Touched only by the single check thread.
    private long stuckSinceNanos = -1;
    private long lastForcedNanos = -1;
    private int reconnectsForced;

    public CassandraSessionWatch(CqlSession session, CassandraSessionWatchProperties properties) {
        this.session = session;
        this.stuckTimeout = properties.sessionStuckTimeout();
        this.portConnectTimeoutMillis = (int) session.getContext().getConfig().getDefaultProfile()
                .getDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT).toMillis();
        this.checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cassandra-session-watch");
            thread.setDaemon(true);
            return thread;
        });
        long intervalMillis = properties.sessionCheckInterval().toMillis();
        checks.scheduleWithFixedDelay(this::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            // The next check tries again; one failed check is not an operator's concern.
            log.debug("Cassandra session check failed", e);
        }
    }

    private void checkOnce() {
        if (session.isClosed()) {
            return;
        }
        if (!hasNoUsableNode()) {
            endEpisode();
            return;
        }
        List<Node> answering = session.getMetadata().getNodes().values().stream()
                .filter(this::acceptsConnections).toList();
        if (answering.isEmpty()) {
            // Cassandra is really out: the driver reconnects by itself when it is back.
            endEpisode();
            return;
        }
        long now = System.nanoTime();
        if (stuckSinceNanos < 0) {
            stuckSinceNanos = now;
            return;
        }
        long sinceLast = now - (lastForcedNanos < 0 ? stuckSinceNanos : lastForcedNanos);
        if (sinceLast < stuckTimeout.toNanos()) {
            return;
        }
        if (reconnectsForced == 0) {
            log.warn("Cassandra session has had no usable node for {} s although {} accept connections ({}): "
                            + "forcing the driver to reconnect",
                    Duration.ofNanos(now - stuckSinceNanos).toSeconds(),
                    answering.stream().map(node -> node.getEndPoint().toString()).collect(Collectors.joining(", ")),
                    describe(session.getMetadata().getNodes().values()));
        }
        answering.forEach(this::forceReconnect);
        reconnectsForced++;
        lastForcedNanos = System.nanoTime();
    }

    private boolean hasNoUsableNode() {
        try {
            session.execute(PROBE);
            return false;
        } catch (NoNodeAvailableException e) {
            return true;
        } catch (DriverException e) {
            // A timeout or a node's error is an outage or a slow node, not a session that lost its nodes.
            return false;
        }
    }

    private void endEpisode() {
        if (reconnectsForced > 0) {
            log.info("Cassandra session serves again, {} s after it lost its nodes ({} forced reconnect(s))",
                    Duration.ofNanos(System.nanoTime() - stuckSinceNanos).toSeconds(), reconnectsForced);
        }
        stuckSinceNanos = -1;
        lastForcedNanos = -1;
        reconnectsForced = 0;
    }

    private boolean acceptsConnections(Node node) {
        SocketAddress address = node.getEndPoint().resolve();
        if (!(address instanceof InetSocketAddress)) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, portConnectTimeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void forceReconnect(Node node) {
        InetSocketAddress address = node.getBroadcastRpcAddress().orElse(null);
        if (address == null) {
            return;
        }
        EventBus events = ((InternalDriverContext) session.getContext()).getEventBus();
        events.fire(TopologyEvent.forceDown(address));
        long deadline = System.nanoTime() + FORCED_DOWN_WAIT.toNanos();
        while (node.getState() != NodeState.FORCED_DOWN && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        events.fire(TopologyEvent.forceUp(address));
    }

    private static String describe(Collection<Node> nodes) {
        return nodes.stream()
                .map(node -> node.getEndPoint() + " " + node.getState() + ", " + node.getOpenConnections()
                        + " open connection(s)" + (node.isReconnecting() ? ", reconnecting" : "")
                        + ", distance " + node.getDistance())
                .collect(Collectors.joining("; "));
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
