package dev.parley.push.socket;

import dev.parley.push.registry.RegistrationLost;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * When this node learns it was taken for dead, it closes every socket with 1012 (service restart) rather
 * than quietly registering its users again: while it was out of the registry, pushes for its users were
 * routed nowhere, and only a client that reconnects is sure to ask for them (docs/protocol.md's catch-up).
 * A re-registration alone would leave each conversation's gap unseen until its next message.
 */
@Component
class SocketsReconnectOnRegistrationLost {

    private static final Logger log = LoggerFactory.getLogger(SocketsReconnectOnRegistrationLost.class);
    static final CloseStatus RESTARTED = CloseStatus.SERVICE_RESTARTED.withReason("node rejoined: reconnect and catch up");

    private final LocalSockets sockets;

    SocketsReconnectOnRegistrationLost(LocalSockets sockets) {
        this.sockets = sockets;
    }

    @EventListener
    void on(RegistrationLost lost) {
        List<ClientSocket> open = sockets.all();
        open.forEach(socket -> sockets.closeLater(socket, RESTARTED));
        log.info("push node {} asked its {} sockets to reconnect (1012)", lost.nodeId(), open.size());
    }
}
