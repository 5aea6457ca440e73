package dev.parley.push.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CurrentMembersTest {

    private static final ConversationId GROUP = new ConversationId("g-1");
    private static final UserId ANN = new UserId("ann");
    private static final UserId CAL = new UserId("cal");

    @Test
    void aMemberRemovedAheadOfTheReadModelIsLeftOutAndOneAddedIsCounted() {
        Map<String, Boolean> changes = new LinkedHashMap<>();
        changes.putAll(CurrentMembers.changesOf(new MemberRemoved(GROUP, ANN, CAL, Instant.EPOCH)));
        changes.putAll(CurrentMembers.changesOf(new MembersAdded(GROUP, ANN, List.of(new UserId("dan")), Instant.EPOCH)));

        assertThat(CurrentMembers.overlay(Set.of("ann", "ben", "cal"), changes)).containsExactlyInAnyOrder("ann", "ben", "dan");
    }

    @Test
    void theLaterOfTwoChangesOfOneUserWins() {
        Map<String, Boolean> changes = new LinkedHashMap<>();
        CurrentMembers.changesOf(new MemberRemoved(GROUP, ANN, CAL, Instant.EPOCH)).forEach(changes::put);
        CurrentMembers.changesOf(new MembersAdded(GROUP, ANN, List.of(CAL), Instant.EPOCH)).forEach(changes::put);

        assertThat(CurrentMembers.overlay(Set.of("ann"), changes)).containsExactlyInAnyOrder("ann", "cal");
    }
}
