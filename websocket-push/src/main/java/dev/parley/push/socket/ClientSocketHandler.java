package dev.parley.push.socket;

import dev.parley.kernel.UserId;
import dev.parley.platform.logging.FaultLog;
import dev.parley.platform.ratelimit.RateLimits;
import dev.parley.platform.security.ParleySecurityAutoConfiguration;
import dev.parley.push.PushProperties;
import dev.parley.push.frames.ClientFrames;
import dev.parley.push.registry.SessionRegistry;
import dev.parley.push.typing.TypingRelay;
import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The life of each socket at {@code /ws}: on open, who it is (the token Spring Security checked on the
 * upgrade) and the registry entry; each text frame to the commands; on close, the registry again. The
 * user goes online with their first socket on any node and offline with their last.
 */
@Component
class ClientSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ClientSocketHandler.class);
    private final FaultLog faults = new FaultLog(ClientSocketHandler.class);
    private static final String SOCKET = "parley.socket";
    /** Tomcat's bound on a blocking write (a ping, a close frame): a client that does not read cannot hold a thread longer. */
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final LocalSockets sockets;
    private final SessionRegistry registry;
    private final ClientFrames commands;
    private final TypingRelay typing;
    private final PushProperties properties;
    private final NodeDrain drain;
    private final RateLimits limits;
    /** Each socket's frames: {@code framesPerSecond}, in bursts of up to twice that. */
    private final Bandwidth frameRate;

    ClientSocketHandler(LocalSockets sockets, SessionRegistry registry, ClientFrames commands, TypingRelay typing,
                        PushProperties properties, NodeDrain drain, RateLimits limits) {
        this.sockets = sockets;
        this.registry = registry;
        this.commands = commands;
        this.typing = typing;
        this.properties = properties;
        this.drain = drain;
        this.limits = limits;
        this.frameRate = Bandwidth.builder().capacity(2L * properties.framesPerSecond())
                .refillGreedy(properties.framesPerSecond(), Duration.ofSeconds(1)).build();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        if (drain.draining()) {
            session.close(NodeDrain.RECONNECT);
            return;
        }
        if (!(session.getPrincipal() instanceof JwtAuthenticationToken token)) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("no token"));
            return;
        }
        UserId user = new UserId(token.getName());
        jakarta.websocket.Session connection = ((NativeWebSocketSession) session).getNativeSession(jakarta.websocket.Session.class);
        connection.getUserProperties().put(BLOCKING_SEND_TIMEOUT, properties.slowWriteLimit().toMillis());
        AtomicReference<ClientSocket> self = new AtomicReference<>();
        Outbox outbox = new Outbox(connection.getAsyncRemote(), properties.outboundQueueFrames(),
                reason -> sockets.closeLater(self.get(), CloseStatus.POLICY_VIOLATION.withReason(reason)));
        Instant expiresAt = token.getToken().getExpiresAt();
        String sessionId = token.getToken().getClaimAsString(ParleySecurityAutoConfiguration.SESSION_CLAIM);
        ClientSocket socket = new ClientSocket(session, user, sessionId, expiresAt, outbox, limits.local(frameRate));
        self.set(socket);
        LocalSockets.Added added = sockets.add(socket, properties.maxSocketsPerUser());
        if (added == LocalSockets.Added.REFUSED_OVER_CAP) {
            outbox.close();
            session.close(CloseStatus.POLICY_VIOLATION.withReason("at most " + properties.maxSocketsPerUser()
                    + " connections per user on a node"));
            return;
        }
        session.getAttributes().put(SOCKET, socket);
        if (added == LocalSockets.Added.FIRST_OF_USER) {
            try {
                registry.arrived(user);
            } catch (RuntimeException redisDown) {
                // Unregistered, the socket would get no pushes at all: better that the client reconnects
                // (with its backoff) and fills its gap with history than that it waits for pushes in vain.
                faults.unexpected("a socket's user could not be registered", redisDown);
                session.close(CloseStatus.SERVICE_OVERLOAD.withReason("try again later"));
            }
        }
    }

    /**
     * Frames arrive in parts of at most the container's buffer (4 Ki characters) and are put together here
     * up to the frame limit: the container would otherwise hold a buffer of the whole limit for every
     * socket, 128 KB each, idle or not.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        ClientSocket socket = (ClientSocket) session.getAttributes().get(SOCKET);
        if (socket == null) {
            return;
        }
        socket.heard();
        String frame = socket.assemble(message.getPayload(), message.isLast(), properties.maxFrameBytes());
        if (frame == ClientSocket.TOO_LARGE) {
            session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("a frame may be at most " + properties.maxFrameBytes() + " characters"));
        } else if (frame != null) {
            commands.handle(socket, frame);
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        ClientSocket socket = (ClientSocket) session.getAttributes().get(SOCKET);
        if (socket != null) {
            socket.heard();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("socket {} failed: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ClientSocket socket = (ClientSocket) session.getAttributes().remove(SOCKET);
        if (socket == null) {
            return;
        }
        socket.outbox().close();
        if (sockets.remove(socket)) {
            typing.stoppedAll(socket.user());
            try {
                registry.departed(socket.user());
            } catch (RuntimeException redisDown) {
                // The registry keeps naming this node for the user until the user next arrives and departs
                // here, or the node leaves: pushes sent here meanwhile find no socket and are dropped.
                faults.unexpected("a socket's user could not be released from the registry", redisDown);
            }
        }
    }
}
