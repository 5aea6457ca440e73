package dev.parley.command.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageAccepted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acks of a conversation's most recent sends, by (sender, clientMsgId); the oldest are forgotten first.
 * It goes into the conversation's snapshot as its capacity and its acks, oldest first.
 */
final class RecentSends {

    private record Key(UserId sender, String clientMsgId) {
    }

    /** One remembered send, as a snapshot holds it. */
    record Remembered(UserId sender, String clientMsgId, MessageAccepted ack) {
    }

    /** What a snapshot holds of this. */
    record State(int capacity, List<Remembered> recent) {
    }

    private final int capacity;
    private final Map<Key, MessageAccepted> acks;

    RecentSends(int capacity) {
        this.capacity = capacity;
        this.acks = new LinkedHashMap<>(capacity * 4 / 3 + 1) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, MessageAccepted> eldest) {
                return size() > capacity;
            }
        };
    }

    @JsonCreator
    static RecentSends fromSnapshot(State state) {
        RecentSends sends = new RecentSends(state.capacity());
        state.recent().forEach(sent -> sends.remember(sent.sender(), sent.clientMsgId(), sent.ack()));
        return sends;
    }

    @JsonValue
    State snapshot() {
        return new State(capacity, acks.entrySet().stream()
                .map(entry -> new Remembered(entry.getKey().sender(), entry.getKey().clientMsgId(), entry.getValue()))
                .toList());
    }

    MessageAccepted find(UserId sender, String clientMsgId) {
        return acks.get(new Key(sender, clientMsgId));
    }

    void remember(UserId sender, String clientMsgId, MessageAccepted ack) {
        acks.put(new Key(sender, clientMsgId), ack);
    }
}
