package dev.parley.command.conversation;

import dev.parley.command.AggregateTargets;
import dev.parley.command.media.MediaOwners;
import dev.parley.command.user.Blocks;
import dev.parley.command.user.KnownUsers;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.AddMembers;
import dev.parley.kernel.conversation.ConversationExists;
import dev.parley.kernel.conversation.CreateGroup;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.FirstMessageSent;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.GroupFull;
import dev.parley.kernel.conversation.GroupRenamed;
import dev.parley.kernel.conversation.LeaveGroup;
import dev.parley.kernel.conversation.MarkDelivered;
import dev.parley.kernel.conversation.MarkRead;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.MessagesDelivered;
import dev.parley.kernel.conversation.MessagesRead;
import dev.parley.kernel.conversation.NotAGroup;
import dev.parley.kernel.conversation.NotAMember;
import dev.parley.kernel.conversation.NotAnAdmin;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.RemoveMember;
import dev.parley.kernel.conversation.RenameGroup;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.kernel.conversation.SeqBeyondLast;
import dev.parley.kernel.conversation.UnknownUser;
import dev.parley.kernel.conversation.Watermark;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.UnknownMedia;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each rule of a conversation, one given/when/then each. */
class ConversationTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final UserId ADA = new UserId("ada");
    private static final UserId BOB = new UserId("bob");
    private static final UserId CY = new UserId("cy");
    private static final UserId EVE = new UserId("eve");
    private static final UserId GHOST = new UserId("ghost");
    private static final ConversationId DIRECT = ConversationId.direct(ADA, BOB);
    private static final ConversationId GROUP = new ConversationId("g:book-club");

    private AggregateTestFixture<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerCommandTargetResolver(new AggregateTargets());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new ConversationLimits(4, 100, 1000));
        fixture.registerInjectableResource((KnownUsers) users -> users.stream()
                .filter(GHOST::equals).findFirst()
                .ifPresent(unknown -> {
                    throw new UnknownUser(unknown + " has never registered");
                }));
        fixture.registerInjectableResource(blocks);
        fixture.registerInjectableResource((MediaOwners) (owner, media) ->
                owner.equals(ADA) && media.equals(ADAS_PHOTO.mediaId()) ? ADAS_PHOTO : null);
    }

    private static final MediaAttachment ADAS_PHOTO = new MediaAttachment(new MediaId("photo-of-ada"), "image/jpeg",
            48_000, 800, 600, "media/abc", "thumbs/def");

    /** Who blocked whom in these tests: (blocker, blocked) pairs. */
    private final Set<List<UserId>> blocked = new HashSet<>();
    private final Blocks blocks = new Blocks() {
        @Override
        public boolean eitherBlocks(UserId one, UserId other) {
            return blocked.contains(List.of(one, other)) || blocked.contains(List.of(other, one));
        }

        @Override
        public Set<UserId> whoBlocked(UserId adder, Collection<UserId> users) {
            return users.stream().filter(user -> blocked.contains(List.of(user, adder))).collect(Collectors.toSet());
        }
    };

    private static DirectConversationOpened directOpened() {
        return new DirectConversationOpened(DIRECT, List.of(ADA, BOB), ADA, NOW);
    }

    private static GroupCreated groupOfAdaAndBob() {
        return new GroupCreated(GROUP, ADA, "Book club", List.of(ADA, BOB), NOW);
    }

    private static MessageSent sent(ConversationId conversation, long seq, UserId sender, String clientMsgId) {
        return new MessageSent(conversation, Conversation.messageId(conversation, seq), seq, sender, clientMsgId,
                "text " + seq, null, NOW);
    }

    // direct conversations

    @Test
    void openingADirectConversationNamesBothMembersInIdOrder() {
        fixture.givenNoPriorActivity()
                .when(OpenDirect.between(BOB, ADA))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DirectConversationOpened(DIRECT, List.of(ADA, BOB), BOB, NOW))
                .expectResultMessagePayload(DIRECT);
    }

    @Test
    void openingItAgainFromEitherSideChangesNothing() {
        fixture.given(directOpened())
                .when(OpenDirect.between(BOB, ADA))
                .expectNoEvents()
                .expectResultMessagePayload(DIRECT);
    }

    @Test
    void aDirectConversationNeedsARegisteredPartner() {
        fixture.givenNoPriorActivity()
                .when(OpenDirect.between(ADA, GHOST))
                .expectException(UnknownUser.class)
                .expectNoEvents();
    }

    @Test
    void aDirectConversationCannotBeLeftOrRenamed() {
        fixture.given(directOpened())
                .when(new LeaveGroup(DIRECT, ADA))
                .expectException(NotAGroup.class);
        fixture.given(directOpened())
                .when(new RenameGroup(DIRECT, ADA, "us"))
                .expectException(NotAGroup.class);
    }

    // groups

    @Test
    void theCreatorOfAGroupIsItsAdminAndAMember() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(GROUP, ADA, "  Book club ", Set.of(BOB)))
                .expectEvents(new GroupCreated(GROUP, ADA, "Book club", List.of(ADA, BOB), NOW));
    }

    @Test
    void aRepeatedCreationByTheCreatorAnswersTheSameGroupAndStoresNothing() {
        fixture.given(groupOfAdaAndBob())
                .when(new CreateGroup(GROUP, ADA, "Book club", Set.of(BOB)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(GROUP)
                .expectNoEvents();
    }

    @Test
    void aRepeatedCreationAsksForTheSameMembersInAnyOrderWithOrWithoutTheCreator() {
        fixture.given(groupOfAdaAndBob())
                .when(new CreateGroup(GROUP, ADA, " Book club", new LinkedHashSet<>(List.of(BOB, ADA))))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(GROUP)
                .expectNoEvents();
    }

    @Test
    void theCreatorAskingForAnotherTitleUnderAnExistingIdIsAConflict() {
        fixture.given(groupOfAdaAndBob())
                .when(new CreateGroup(GROUP, ADA, "Chess club", Set.of(BOB)))
                .expectException(ConversationExists.class)
                .expectExceptionMessage("group g:book-club was created with another title or other members;"
                        + " a new group needs a new conversationId")
                .expectNoEvents();
    }

    @Test
    void theCreatorAskingForOtherMembersUnderAnExistingIdIsAConflict() {
        fixture.given(groupOfAdaAndBob())
                .when(new CreateGroup(GROUP, ADA, "Book club", Set.of(BOB, CY)))
                .expectException(ConversationExists.class)
                .expectNoEvents();
    }

    @Test
    void theSameRequestStaysARepeatAfterTheGroupChanged() {
        fixture.given(groupOfAdaAndBob(), new GroupRenamed(GROUP, BOB, "Readers", NOW),
                        new MembersAdded(GROUP, ADA, List.of(CY), NOW))
                .when(new CreateGroup(GROUP, ADA, "Book club", Set.of(BOB)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(GROUP)
                .expectNoEvents();
    }

    @Test
    void creatingAGroupUnderAnIdTakenByAnotherIsAConflict() {
        fixture.given(groupOfAdaAndBob())
                .when(new CreateGroup(GROUP, EVE, "Mine now", Set.of(CY)))
                .expectException(ConversationExists.class)
                .expectNoEvents();
    }

    @Test
    void aGroupCannotStartAboveTheMemberLimit() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(GROUP, ADA, "Big", new LinkedHashSet<>(List.of(BOB, CY, EVE, new UserId("dan")))))
                .expectException(GroupFull.class)
                .expectNoEvents();
    }

    @Test
    void aGroupCannotNameAnUnregisteredUser() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(GROUP, ADA, "Club", Set.of(GHOST)))
                .expectException(UnknownUser.class);
    }

    @Test
    void anAdminAddsOnlyThoseNotAlreadyMembers() {
        fixture.given(groupOfAdaAndBob())
                .when(new AddMembers(GROUP, ADA, new LinkedHashSet<>(List.of(BOB, CY))))
                .expectEvents(new MembersAdded(GROUP, ADA, List.of(CY), NOW));
    }

    @Test
    void addingOnlyExistingMembersChangesNothing() {
        fixture.given(groupOfAdaAndBob())
                .when(new AddMembers(GROUP, ADA, Set.of(BOB)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void onlyAnAdminAddsMembers() {
        fixture.given(groupOfAdaAndBob())
                .when(new AddMembers(GROUP, BOB, Set.of(CY)))
                .expectException(NotAnAdmin.class)
                .expectNoEvents();
    }

    @Test
    void addingPastTheMemberLimitIsRefused() {
        fixture.given(groupOfAdaAndBob())
                .when(new AddMembers(GROUP, ADA, new LinkedHashSet<>(List.of(CY, EVE, new UserId("dan")))))
                .expectException(GroupFull.class);
    }

    @Test
    void onlyAnAdminRemovesOthers() {
        fixture.given(groupOfAdaAndBob(), new MembersAdded(GROUP, ADA, List.of(CY), NOW))
                .when(new RemoveMember(GROUP, BOB, CY))
                .expectException(NotAnAdmin.class);
    }

    @Test
    void anAdminRemovesAMember() {
        fixture.given(groupOfAdaAndBob())
                .when(new RemoveMember(GROUP, ADA, BOB))
                .expectEvents(new MemberRemoved(GROUP, ADA, BOB, NOW));
    }

    @Test
    void removingYourselfIsLeaving() {
        fixture.given(groupOfAdaAndBob())
                .when(new RemoveMember(GROUP, BOB, BOB))
                .expectEvents(new MemberLeft(GROUP, BOB, null, NOW));
    }

    @Test
    void whenTheLastAdminLeavesTheLongestStandingMemberBecomesAdmin() {
        fixture.given(groupOfAdaAndBob(), new MembersAdded(GROUP, ADA, List.of(CY), NOW))
                .when(new LeaveGroup(GROUP, ADA))
                .expectEvents(new MemberLeft(GROUP, ADA, BOB, NOW));
    }

    @Test
    void thePromotedMemberCanThenAddOthers() {
        fixture.given(groupOfAdaAndBob(), new MemberLeft(GROUP, ADA, BOB, NOW))
                .when(new AddMembers(GROUP, BOB, Set.of(CY)))
                .expectEvents(new MembersAdded(GROUP, BOB, List.of(CY), NOW));
    }

    @Test
    void aNonMemberCannotLeave() {
        fixture.given(groupOfAdaAndBob())
                .when(new LeaveGroup(GROUP, CY))
                .expectException(NotAMember.class);
    }

    @Test
    void anyMemberRenamesTheGroup() {
        fixture.given(groupOfAdaAndBob())
                .when(new RenameGroup(GROUP, BOB, "Poetry club"))
                .expectEvents(new GroupRenamed(GROUP, BOB, "Poetry club", NOW));
    }

    @Test
    void aCommandToAConversationThatDoesNotExistIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new SendMessage(GROUP, ADA, "c-1", "hello", null))
                .expectException(AggregateNotFoundException.class);
    }

    // no oracles: a non-member learns nothing of a conversation, not even that it is direct

    @Test
    void aNonMemberGetsTheSameAnswerForEveryCommandToAnExistingConversation() {
        String expected = "not a member of conversation " + DIRECT.value();
        for (Object command : List.of(new AddMembers(DIRECT, EVE, Set.of(CY)), new RemoveMember(DIRECT, EVE, ADA),
                new LeaveGroup(DIRECT, EVE), new RenameGroup(DIRECT, EVE, "mine"),
                new SendMessage(DIRECT, EVE, "c-1", "hi", null), new MarkRead(DIRECT, EVE, 1),
                new MarkDelivered(DIRECT, EVE, 1))) {
            fixture.given(directOpened())
                    .when(command)
                    .expectException(NotAMember.class)
                    .expectExceptionMessage(expected);
        }
    }

    // blocks

    @Test
    void whoIsBlockedCannotOpenADirectConversationAndHearsWhatANonMemberHears() {
        blocked.add(List.of(ADA, BOB));
        fixture.givenNoPriorActivity()
                .when(OpenDirect.between(BOB, ADA))
                .expectException(NotAMember.class)
                .expectExceptionMessage("not a member of conversation " + DIRECT.value());
    }

    @Test
    void aBlockStopsSendsBothWaysInAnExistingDirectConversation() {
        blocked.add(List.of(ADA, BOB));
        fixture.given(directOpened(), sent(DIRECT, 1, BOB, "c-1"))
                .when(new SendMessage(DIRECT, BOB, "c-2", "still there?", null))
                .expectException(NotAMember.class)
                .expectExceptionMessage("not a member of conversation " + DIRECT.value());
        fixture.given(directOpened())
                .when(new SendMessage(DIRECT, ADA, "c-1", "go away", null))
                .expectException(NotAMember.class);
    }

    @Test
    void aRepeatOfASendAckedBeforeTheBlockStillGetsItsFirstAck() {
        blocked.add(List.of(ADA, BOB));
        fixture.given(directOpened(), sent(DIRECT, 1, BOB, "c-1"))
                .when(new SendMessage(DIRECT, BOB, "c-1", "hello", null))
                .expectNoEvents()
                .expectResultMessagePayload(new MessageAccepted(DIRECT, Conversation.messageId(DIRECT, 1), 1, NOW));
    }

    @Test
    void whoBlockedTheCreatorIsLeftOutOfTheNewGroupSilently() {
        blocked.add(List.of(CY, ADA));
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(GROUP, ADA, "Book club", Set.of(BOB, CY)))
                .expectEvents(new GroupCreated(GROUP, ADA, "Book club", List.of(ADA, BOB), NOW))
                .expectResultMessagePayload(GROUP);
    }

    @Test
    void aRetriedCreationLeavingOutWhoBlockedTheCreatorGetsTheSameGroup() {
        blocked.add(List.of(CY, ADA));
        fixture.given(new GroupCreated(GROUP, ADA, "Book club", List.of(ADA, BOB), NOW))
                .when(new CreateGroup(GROUP, ADA, "Book club", Set.of(BOB, CY)))
                .expectNoEvents()
                .expectResultMessagePayload(GROUP);
    }

    @Test
    void whoBlockedTheAdderIsSkippedSilently() {
        blocked.add(List.of(CY, ADA));
        fixture.given(groupOfAdaAndBob())
                .when(new AddMembers(GROUP, ADA, Set.of(CY)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void whoLeftAGroupCannotBeAddedBackByItsAdmins() {
        fixture.given(groupOfAdaAndBob(), new MemberLeft(GROUP, BOB, null, NOW))
                .when(new AddMembers(GROUP, ADA, Set.of(BOB, CY)))
                .expectEvents(new MembersAdded(GROUP, ADA, List.of(CY), NOW));
    }

    @Test
    void whoWasRemovedMayBeAddedAgain() {
        fixture.given(groupOfAdaAndBob(), new MemberRemoved(GROUP, ADA, BOB, NOW))
                .when(new AddMembers(GROUP, ADA, Set.of(BOB)))
                .expectEvents(new MembersAdded(GROUP, ADA, List.of(BOB), NOW));
    }

    // messages

    @Test
    void theFirstMessageHasSeqOne() {
        fixture.given(directOpened())
                .when(new SendMessage(DIRECT, ADA, "c-1", "hello", null))
                .expectEvents(new MessageSent(DIRECT, Conversation.messageId(DIRECT, 1), 1, ADA, "c-1", "hello", null, NOW),
                        new FirstMessageSent(DIRECT, ADA, 1, NOW))
                .expectResultMessagePayload(new MessageAccepted(DIRECT, Conversation.messageId(DIRECT, 1), 1, NOW));
    }

    @Test
    void seqFollowsTheLastOneWithoutGaps() {
        fixture.given(directOpened(), sent(DIRECT, 1, ADA, "c-1"), sent(DIRECT, 2, BOB, "c-9"))
                .when(new SendMessage(DIRECT, ADA, "c-2", "third", null))
                .expectEvents(new MessageSent(DIRECT, Conversation.messageId(DIRECT, 3), 3, ADA, "c-2", "third",
                        null, NOW));
    }

    @Test
    void aMediaIdThatNamesNoStoredMediaIsRefused() {
        fixture.given(directOpened())
                .when(new SendMessage(DIRECT, ADA, "c-1", null, new MediaId("photo-1")))
                .expectNoEvents()
                .expectException(UnknownMedia.class);
    }

    @Test
    void aMessageCarriesTheSendersOwnMediaAsItsAttachment() {
        fixture.given(directOpened(), sent(DIRECT, 1, ADA, "c-1"))
                .when(new SendMessage(DIRECT, ADA, "c-2", "look", ADAS_PHOTO.mediaId()))
                .expectEvents(new MessageSent(DIRECT, Conversation.messageId(DIRECT, 2), 2, ADA, "c-2", "look",
                        ADAS_PHOTO, NOW));
    }

    @Test
    void someoneElsesMediaIsRefusedAsIfUnknown() {
        fixture.given(directOpened())
                .when(new SendMessage(DIRECT, BOB, "c-1", null, ADAS_PHOTO.mediaId()))
                .expectNoEvents()
                .expectException(UnknownMedia.class)
                .expectExceptionMessage("no media " + ADAS_PHOTO.mediaId());
    }

    @Test
    void repeatedClientMsgIdReturnsFirstSeq() {
        fixture.given(directOpened(), sent(DIRECT, 1, ADA, "c-1"), sent(DIRECT, 2, BOB, "c-9"))
                .when(new SendMessage(DIRECT, ADA, "c-1", "hello again", null))
                .expectNoEvents()
                .expectResultMessagePayload(new MessageAccepted(DIRECT, Conversation.messageId(DIRECT, 1), 1, NOW));
    }

    @Test
    void theSameClientMsgIdFromAnotherSenderIsANewMessage() {
        fixture.given(directOpened(), sent(DIRECT, 1, ADA, "c-1"))
                .when(new SendMessage(DIRECT, BOB, "c-1", "mine", null))
                .expectEvents(new MessageSent(DIRECT, Conversation.messageId(DIRECT, 2), 2, BOB, "c-1", "mine", null, NOW),
                        new FirstMessageSent(DIRECT, BOB, 2, NOW));
    }

    @Test
    void aClientMsgIdOlderThanTheWindowIsNoLongerRecognisedHere() {
        List<Object> history = new java.util.ArrayList<>();
        history.add(directOpened());
        IntStream.rangeClosed(1, Conversation.RECENT_SENDS + 1)
                .forEach(seq -> history.add(sent(DIRECT, seq, ADA, "c-" + seq)));
        long next = Conversation.RECENT_SENDS + 2L;
        fixture.given(history)
                .when(new SendMessage(DIRECT, ADA, "c-1", "late retry", null))
                .expectEvents(new MessageSent(DIRECT, Conversation.messageId(DIRECT, next), next, ADA, "c-1",
                        "late retry", null, NOW));
    }

    @Test
    void nonMemberCannotSend() {
        fixture.given(directOpened())
                .when(new SendMessage(DIRECT, EVE, "c-1", "let me in", null))
                .expectException(NotAMember.class)
                .expectNoEvents();
    }

    @Test
    void aRemovedMemberCannotSend() {
        fixture.given(groupOfAdaAndBob(), new MemberRemoved(GROUP, ADA, BOB, NOW))
                .when(new SendMessage(GROUP, BOB, "c-1", "still here?", null))
                .expectException(NotAMember.class);
    }

    // receipts

    @Test
    void deliveredRisesToTheGivenSeq() {
        fixture.given(directOpened(), sent(DIRECT, 1, ADA, "c-1"), sent(DIRECT, 2, ADA, "c-2"))
                .when(new MarkDelivered(DIRECT, BOB, 2))
                .expectEvents(new MessagesDelivered(DIRECT, BOB, 2, NOW))
                .expectResultMessagePayload(new Watermark(DIRECT, 2));
    }

    @Test
    void aLowerWatermarkChangesNothingAndAnswersTheCurrentOne() {
        fixture.given(directOpened(), sent(DIRECT, 1, ADA, "c-1"), sent(DIRECT, 2, ADA, "c-2"),
                        new MessagesDelivered(DIRECT, BOB, 2, NOW))
                .when(new MarkDelivered(DIRECT, BOB, 1))
                .expectNoEvents()
                .expectResultMessagePayload(new Watermark(DIRECT, 2));
    }

    @Test
    void readImpliesDelivered() {
        fixture.given(directOpened(), sent(DIRECT, 1, ADA, "c-1"), sent(DIRECT, 2, ADA, "c-2"))
                .when(new MarkRead(DIRECT, BOB, 2))
                .expectEvents(new MessagesDelivered(DIRECT, BOB, 2, NOW), new MessagesRead(DIRECT, BOB, 2, NOW));
    }

    @Test
    void readBelowDeliveredRaisesOnlyRead() {
        fixture.given(directOpened(), sent(DIRECT, 1, ADA, "c-1"), sent(DIRECT, 2, ADA, "c-2"),
                        new MessagesDelivered(DIRECT, BOB, 2, NOW))
                .when(new MarkRead(DIRECT, BOB, 1))
                .expectEvents(new MessagesRead(DIRECT, BOB, 1, NOW));
    }

    @Test
    void aWatermarkAboveTheLastSeqIsAnError() {
        fixture.given(directOpened(), sent(DIRECT, 1, ADA, "c-1"))
                .when(new MarkRead(DIRECT, BOB, 2))
                .expectException(SeqBeyondLast.class)
                .expectNoEvents();
    }

    @Test
    void aNonMemberCannotMarkRead() {
        fixture.given(directOpened(), sent(DIRECT, 1, ADA, "c-1"))
                .when(new MarkRead(DIRECT, EVE, 1))
                .expectException(NotAMember.class);
    }
}
