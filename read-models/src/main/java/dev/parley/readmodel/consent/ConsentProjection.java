package dev.parley.readmodel.consent;

import dev.parley.kernel.conversation.FirstMessageSent;
import dev.parley.kernel.user.UserBlocked;
import dev.parley.kernel.user.UserUnblocked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the consent sets in Redis ({@link ConsentSets}): who spoke where, from each member's first
 * message in a conversation (one event per member and conversation, never one per message), and who
 * blocked whom. A user's blocks are one aggregate's events, handled in order, so the sets end as the
 * last of them left them, on redelivery and on replay alike.
 */
@ProcessingGroup(ConsentProjection.NAME)
public class ConsentProjection {

    static final String NAME = "consent";

    private final ConsentSets sets;

    ConsentProjection(ConsentSets sets) {
        this.sets = sets;
    }

    @EventHandler
    void on(FirstMessageSent event) {
        sets.spoke(event.senderId(), event.conversationId());
    }

    @EventHandler
    void on(UserBlocked event) {
        sets.blocked(event.userId(), event.blocked());
    }

    @EventHandler
    void on(UserUnblocked event) {
        sets.unblocked(event.userId(), event.unblocked());
    }
}
