package dev.parley.push.socket;

import dev.parley.push.routing.LocalDelivery;
import dev.parley.kernel.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The sockets this node holds, by user: where a push for a user is written. Closing a socket may block
 * (a close frame to a client that does not read), so it happens on a thread of its own, never on the
 * thread delivering pushes.
 */
@Component
public class LocalSockets implements LocalDelivery {

    private final Map<UserId, Set<ClientSocket>> byUser = new ConcurrentHashMap<>();
    private final ExecutorService closer = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "parley-socket-closer");
        thread.setDaemon(true);
        return thread;
    });

    /** What {@link #add} did. */
    enum Added { FIRST_OF_USER, ANOTHER_OF_USER, REFUSED_OVER_CAP }

    /**
     * Adds a socket unless its user holds {@code maxPerUser} here already. The count and the add happen
     * under the map's lock for that user, so parallel connects cannot all pass a count taken before any
     * of them was added.
     */
    Added add(ClientSocket socket, int maxPerUser) {
        Added[] outcome = {Added.REFUSED_OVER_CAP};
        byUser.compute(socket.user(), (user, sockets) -> {
            if (sockets == null) {
                sockets = ConcurrentHashMap.newKeySet();
            }
            if (sockets.size() < maxPerUser) {
                outcome[0] = sockets.isEmpty() ? Added.FIRST_OF_USER : Added.ANOTHER_OF_USER;
                sockets.add(socket);
            }
            return sockets.isEmpty() ? null : sockets;
        });
        return outcome[0];
    }

    /** Removes a socket; true if it was its user's last on this node. */
    boolean remove(ClientSocket socket) {
        boolean[] last = {false};
        byUser.computeIfPresent(socket.user(), (user, sockets) -> {
            sockets.remove(socket);
            last[0] = sockets.isEmpty();
            return sockets.isEmpty() ? null : sockets;
        });
        return last[0];
    }

    int socketsOf(UserId user) {
        Set<ClientSocket> sockets = byUser.get(user);
        return sockets == null ? 0 : sockets.size();
    }

    /** Writes a frame to every socket of these users here; a message frame only where its seq is new. */
    @Override
    public void deliver(Collection<String> users, String frame, String conversationId, long messageSeq) {
        for (String user : users) {
            Set<ClientSocket> sockets = byUser.get(new UserId(user));
            if (sockets == null) {
                continue;
            }
            for (ClientSocket socket : sockets) {
                if (messageSeq > 0) {
                    socket.sendMessage(conversationId, messageSeq, frame);
                } else {
                    socket.send(frame);
                }
            }
        }
    }

    /** Every socket held now. */
    public List<ClientSocket> all() {
        List<ClientSocket> all = new ArrayList<>();
        byUser.values().forEach(all::addAll);
        return all;
    }

    /** The users with at least one socket here. */
    public Set<UserId> users() {
        return Set.copyOf(byUser.keySet());
    }

    /** Closes, on the closer thread, the sockets of {@code user} opened with a token of one of these sessions. */
    void closeSessions(UserId user, Collection<String> sessionIds, CloseStatus status) {
        Set<ClientSocket> sockets = byUser.get(user);
        if (sockets == null) {
            return;
        }
        for (ClientSocket socket : sockets) {
            if (sessionIds.contains(socket.sessionId())) {
                closeLater(socket, status);
            }
        }
    }

    /** Closes a socket on the closer thread. */
    public void closeLater(ClientSocket socket, CloseStatus status) {
        closer.execute(() -> socket.close(status));
    }
}
