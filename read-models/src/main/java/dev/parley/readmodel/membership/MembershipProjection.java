package dev.parley.readmodel.membership;

import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.readmodel.membership.MemberSets;
import dev.parley.readmodel.replay.BeforeReplay;
import java.time.Duration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Value;

/**
 * Keeps each conversation's member set in Redis: what the push fan-out reads to find who an event concerns.
 * A conversation's creation replaces its set, so a replay from the start rebuilds it exactly; each change
 * applies only if newer than the set's version, so redeliveries change nothing.
 */
@ProcessingGroup(MembershipProjection.NAME)
public class MembershipProjection implements BeforeReplay {

    static final String NAME = "membership";

    private final MemberSets memberSets;
    private final Duration replayMarkTtl;

    MembershipProjection(MemberSets memberSets,
                         @Value("${parley.projections.membership-replay-mark-ttl:30s}") Duration replayMarkTtl) {
        this.memberSets = memberSets;
        this.replayMarkTtl = replayMarkTtl;
    }

    @EventHandler
    void on(DirectConversationOpened event, @SequenceNumber long version) {
        memberSets.apply(event, version);
    }

    @EventHandler
    void on(GroupCreated event, @SequenceNumber long version) {
        memberSets.apply(event, version);
    }

    @EventHandler
    void on(MembersAdded event, @SequenceNumber long version) {
        memberSets.apply(event, version);
    }

    @EventHandler
    void on(MemberRemoved event, @SequenceNumber long version) {
        memberSets.apply(event, version);
    }

    @EventHandler
    void on(MemberLeft event, @SequenceNumber long version) {
        memberSets.apply(event, version);
    }

    /**
     * The sets keep serving during a replay; only their versions go, so the replayed events apply again.
     * Until the replay reaches a conversation's later events, its set holds the members of an earlier
     * moment (removed ones back, newer ones missing): the mark, set before anything is forgotten and kept
     * until the replay is done, tells the push fan-out to check membership elsewhere meanwhile.
     */
    @Override
    public String readModel() {
        return NAME;
    }

    @Override
    public void prepare() {
        memberSets.markReplaying(replayMarkTtl);
        memberSets.forgetVersions();
    }

    @Override
    public void whileReplaying() {
        memberSets.markReplaying(replayMarkTtl);
    }

    @Override
    public void afterReplay() {
        memberSets.unmarkReplaying();
    }
}
