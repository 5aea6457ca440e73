package dev.parley.command.conversation;

import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageAccepted;
import java.util.LinkedHashMap;
import java.util.Map;

/** The acks of a conversation's most recent sends, by (sender, clientMsgId); the oldest are forgotten first. */
final class RecentSends {

    private record Key(UserId sender, String clientMsgId) {
    }

    private final Map<Key, MessageAccepted> acks;

    RecentSends(int capacity) {
        this.acks = new LinkedHashMap<>(capacity * 4 / 3 + 1) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, MessageAccepted> eldest) {
                return size() > capacity;
            }
        };
    }

    MessageAccepted find(UserId sender, String clientMsgId) {
        return acks.get(new Key(sender, clientMsgId));
    }

    void remember(UserId sender, String clientMsgId, MessageAccepted ack) {
        acks.put(new Key(sender, clientMsgId), ack);
    }
}
