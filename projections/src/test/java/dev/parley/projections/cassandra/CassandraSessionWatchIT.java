package dev.parley.projections.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.internal.core.context.InternalDriverContext;
import com.datastax.oss.driver.internal.core.metadata.DefaultNode;
import com.datastax.oss.driver.internal.core.metadata.NodeStateEvent;
import dev.parley.infra.InfraEndpoints;
import dev.parley.platform.cassandra.CassandraSessionWatch;
import dev.parley.platform.cassandra.CassandraSessionWatchProperties;
import dev.parley.testing.RealServers;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A driver session stuck as the fault suite saw it after a Cassandra restart (its load balancing policy
 * without the node while the node reads UP with a live pooled connection) does not heal by itself, and
 * serves again once the watch has seen it stuck past its timeout. Lives here, not in platform, because
 * the real servers come from test-support, which depends on platform.
 */
class CassandraSessionWatchIT {

    private static final Duration STUCK_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    private static final String QUERY = "SELECT release_version FROM system.local";

    @Test
    void aSessionThatLostItsNodeWhileCassandraAnswersServesAgainAfterTheStuckTimeout() {
        try (CqlSession session = connect()) {
            Node node = session.getMetadata().getNodes().values().iterator().next();
            session.execute(QUERY);

            loseTheNodeFromTheQueryPlans(session, node);
            assertThatThrownBy(() -> session.execute(QUERY)).isInstanceOf(NoNodeAvailableException.class);
            assertThat(node.getState()).isEqualTo(NodeState.UP);
            assertThat(node.getOpenConnections()).isPositive();

            // Left alone, the driver never notices: three times the watch's timeout later, still stuck.
            await().during(STUCK_TIMEOUT.multipliedBy(3)).atMost(STUCK_TIMEOUT.multipliedBy(4))
                    .until(() -> failsWithNoNode(session));

            try (CassandraSessionWatch watch =
                         new CassandraSessionWatch(session, new CassandraSessionWatchProperties(STUCK_TIMEOUT, CHECK_INTERVAL))) {
                // A bound, not a speed: the timeout, a forced reconnect, and room for a loaded machine.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !failsWithNoNode(session));
                assertThat(session.execute(QUERY).one()).isNotNull();
                assertThat(node.getState()).isEqualTo(NodeState.UP);
            }
        }
    }

    @Test
    void aHealthySessionIsLeftAlone() {
        try (CqlSession session = connect();
             CassandraSessionWatch watch =
                     new CassandraSessionWatch(session, new CassandraSessionWatchProperties(STUCK_TIMEOUT, CHECK_INTERVAL))) {
            Node node = session.getMetadata().getNodes().values().iterator().next();
            await().during(STUCK_TIMEOUT.multipliedBy(2)).atMost(STUCK_TIMEOUT.multipliedBy(3))
                    .until(() -> node.getState() == NodeState.UP && !failsWithNoNode(session));
        }
    }

    /**
     * Tells the load balancing policy, and only it, that the node went down: the node manager still has it
     * UP with its connection, so no later event of the driver's puts it back in the query plans.
     */
    private static void loseTheNodeFromTheQueryPlans(CqlSession session, Node node) {
        ((InternalDriverContext) session.getContext()).getEventBus()
                .fire(NodeStateEvent.changed(NodeState.UP, NodeState.DOWN, (DefaultNode) node));
    }

    private static boolean failsWithNoNode(CqlSession session) {
        try {
            session.execute(QUERY);
            return false;
        } catch (NoNodeAvailableException e) {
            return true;
        }
    }

    private static CqlSession connect() {
        InfraEndpoints servers = RealServers.endpoints();
        String[] hostAndPort = servers.cassandraContactPoint().split(":");
        var builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])))
                .withLocalDatacenter(servers.cassandraDatacenter());
        if (servers.cassandraPassword() != null && !servers.cassandraPassword().isBlank()) {
            builder = builder.withAuthCredentials(servers.cassandraUsername(), servers.cassandraPassword());
        }
        return builder.build();
    }
}
