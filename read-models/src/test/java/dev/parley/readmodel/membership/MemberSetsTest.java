package dev.parley.readmodel.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.ConversationEvent;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.FirstMessageSent;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.GroupRenamed;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.MessagesDelivered;
import dev.parley.kernel.conversation.MessagesRead;
import dev.parley.readmodel.membership.MemberSets.MemberChange;
import dev.parley.readmodel.redis.VersionedRedisWrites.SetChange;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MemberSetsTest {

    private static final ConversationId GROUP = new ConversationId("g:team");
    private static final UserId ADA = new UserId("ada");
    private static final UserId BOB = new UserId("bob");
    private static final UserId CY = new UserId("cy");
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

    /** A replay from the start rebuilds the set exactly: a creation does not add to what a set held. */
    @Test
    void aConversationsCreationReplacesItsSetWithItsMembers() {
        ConversationId direct = ConversationId.direct(ADA, BOB);

        assertThat(MemberSets.changeOf(new DirectConversationOpened(direct, List.of(ADA, BOB), ADA, AT)))
                .contains(new MemberChange(direct, SetChange.REPLACE, List.of(ADA, BOB)));
        assertThat(MemberSets.changeOf(new GroupCreated(GROUP, ADA, "Team", List.of(ADA, CY), AT)))
                .contains(new MemberChange(GROUP, SetChange.REPLACE, List.of(ADA, CY)));
    }

    @Test
    void addingMembersAddsThemToTheSet() {
        assertThat(MemberSets.changeOf(new MembersAdded(GROUP, ADA, List.of(BOB, CY), AT)))
                .contains(new MemberChange(GROUP, SetChange.ADD, List.of(BOB, CY)));
    }

    @Test
    void aRemovedMemberLeavesTheSetNotTheAdminWhoRemovedThem() {
        assertThat(MemberSets.changeOf(new MemberRemoved(GROUP, ADA, BOB, AT)))
                .contains(new MemberChange(GROUP, SetChange.REMOVE, List.of(BOB)));
    }

    @Test
    void aMemberWhoLeftLeavesTheSetAndTheNewAdminStays() {
        assertThat(MemberSets.changeOf(new MemberLeft(GROUP, ADA, BOB, AT)))
                .contains(new MemberChange(GROUP, SetChange.REMOVE, List.of(ADA)));
    }

    @Test
    void eventsThatChangeNoMemberChangeNoSet() {
        assertThat(MemberSets.changeOf(new GroupRenamed(GROUP, ADA, "Crew", AT))).isEmpty();
        assertThat(MemberSets.changeOf(new MessageSent(GROUP, new MessageId("m-1"), 1, ADA, "c-1", "hi", null, AT))).isEmpty();
        assertThat(MemberSets.changeOf(new MessagesDelivered(GROUP, BOB, 1, AT))).isEmpty();
        assertThat(MemberSets.changeOf(new MessagesRead(GROUP, BOB, 1, AT))).isEmpty();
    }

    /**
     * The push fan-out applies an event, and reads the set back, only where {@code changesMembers} says
     * so: an event it missed would route the events after it to the members before it.
     */
    @Test
    void changesMembersIsTrueForExactlyTheEventsThatChangeASet() {
        List<ConversationEvent> everyKind = List.of(
                new DirectConversationOpened(ConversationId.direct(ADA, BOB), List.of(ADA, BOB), ADA, AT),
                new GroupCreated(GROUP, ADA, "Team", List.of(ADA), AT),
                new MembersAdded(GROUP, ADA, List.of(BOB), AT),
                new MemberRemoved(GROUP, ADA, BOB, AT),
                new MemberLeft(GROUP, ADA, null, AT),
                new GroupRenamed(GROUP, ADA, "Crew", AT),
                new MessageSent(GROUP, new MessageId("m-1"), 1, ADA, "c-1", "hi", null, AT),
                new FirstMessageSent(GROUP, ADA, 1, AT),
                new MessagesDelivered(GROUP, ADA, 1, AT),
                new MessagesRead(GROUP, ADA, 1, AT));
        Set<Class<?>> kinds = everyKind.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(kinds).as("every kind of conversation event").containsExactlyInAnyOrder(ConversationEvent.class.getPermittedSubclasses());

        for (ConversationEvent event : everyKind) {
            assertThat(MemberSets.changesMembers(event)).as(event.getClass().getSimpleName())
                    .isEqualTo(MemberSets.changeOf(event).isPresent());
        }
    }
}
