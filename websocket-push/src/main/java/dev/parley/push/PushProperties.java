package dev.parley.push;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits and timings of a push node ({@code parley.push.*}); docs/configuration.md lists them.
 *
 * @param maxFrameBytes        largest inbound frame; a larger one closes the socket with 1009
 * @param sendsPerSecond       {@code send} commands one user may make a second, counted across every node
 * @param framesPerSecond      frames of any kind one socket may send a second (burst: twice that)
 * @param outboundQueueFrames  frames waiting for a slow socket before it is closed (1008)
 * @param slowWriteLimit       how long one write may wait for a client that does not read before it is closed
 * @param pingInterval         how often the node pings each socket
 * @param idleTimeout          a socket that sends nothing (not even a pong) this long is closed
 * @param heartbeatInterval    how often the node renews its entry in the session registry
 * @param nodeExpiry           a node silent this long is dead: its users go offline, its entries are removed
 * @param typingExpiry         an active {@code typing} lasts this long unless the client repeats it
 * @param allowedOrigins       Origin patterns a browser may connect from besides the node's own origin
 *                             (none by default: same origin only; {@code *}: any)
 * @param shutdownDrain        at shutdown, how long queued frames may take to go out before sockets close (1001)
 * @param maxSocketsPerUser    sockets one user may hold on one node
 * @param readThreads          threads answering {@code conversations} and {@code history} from Cassandra
 * @param fanoutConsumers      consumer threads of this node in the fan-out group
 * @param maxCommandsInFlight  commands this node has sent and not yet had answered; past it a command is
 *                             answered {@code UNAVAILABLE} at once
 * @param routedMessagesTtl    how long the fan-out keeps each routed message in Redis, for {@code history} to
 *                             answer while the Cassandra read model does not hold it yet
 * @param maxRoutedMessages    routed messages kept of one conversation at most (the newest)
 * @param socketTicketTtl      how long a ticket from {@code POST /api/ws-tickets} can open a socket
 */
@ConfigurationProperties("parley.push")
public record PushProperties(
        @DefaultValue("65536") int maxFrameBytes,
        @DefaultValue("20") int sendsPerSecond,
        @DefaultValue("50") int framesPerSecond,
        @DefaultValue("1000") int outboundQueueFrames,
        @DefaultValue("10s") Duration slowWriteLimit,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("70s") Duration idleTimeout,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("20s") Duration nodeExpiry,
        @DefaultValue("6s") Duration typingExpiry,
        @DefaultValue("") List<String> allowedOrigins,
        @DefaultValue("5s") Duration shutdownDrain,
        @DefaultValue("8") int maxSocketsPerUser,
        @DefaultValue("8") int readThreads,
        @DefaultValue("2") int fanoutConsumers,
        @DefaultValue("1000") int maxCommandsInFlight,
        @DefaultValue("60s") Duration routedMessagesTtl,
        @DefaultValue("1000") int maxRoutedMessages,
        @DefaultValue("30s") Duration socketTicketTtl) {
}
