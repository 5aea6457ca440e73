package dev.parley.push.routing;

import java.util.Collection;

/** Where this node's channel hands what it receives: the sockets of this node (implemented by the socket layer). */
public interface LocalDelivery {

    /** Queues {@code frame} to every socket of these users on this node; never blocks. */
    void deliver(Collection<String> users, String frame, String conversationId, long messageSeq);
}
