package dev.parley.platform.cassandra;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the {@link CassandraSessionWatch} steps in ({@code parley.cassandra.*}).
 *
 * @param sessionStuckTimeout  how long the session may answer "no node available" while a node's native port
 *                             accepts connections before the watch forces the driver to reconnect: well past
 *                             the driver's own reconnection delay (at most parley.outage.cassandra-reconnect-max-delay,
 *                             5 s), so that the watch never races a reconnection that is about to succeed
 * @param sessionCheckInterval how often the watch sends its one-row probe query
 */
@ConfigurationProperties("parley.cassandra")
public record CassandraSessionWatchProperties(@DefaultValue("20s") Duration sessionStuckTimeout,
                                              @DefaultValue("5s") Duration sessionCheckInterval) {

    public CassandraSessionWatchProperties {
        if (sessionStuckTimeout.isNegative() || sessionStuckTimeout.isZero()
                || sessionCheckInterval.isNegative() || sessionCheckInterval.isZero()) {
            throw new IllegalArgumentException(
                    "parley.cassandra.session-stuck-timeout and .session-check-interval must be positive");
        }
    }
}
