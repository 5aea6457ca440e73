package dev.parley.kernel.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A summary brought forward by what the push fan-out routed ahead of the read model. */
class ConversationSummaryTest {

    private static final Instant T0 = Instant.parse("2026-11-28T17:00:00Z");
    private final UserId ada = UserId.random();
    private final UserId bob = UserId.random();
    private final ConversationId chat = ConversationId.direct(ada, bob);

    private ChatMessage message(long seq, UserId sender) {
        return new ChatMessage(chat, new MessageId("m-" + seq), seq, sender, "c-" + seq, T0.plusSeconds(seq), "text " + seq, null);
    }

    /** Ada's summary: 3 messages, she has read 1 of them. */
    private ConversationSummary adasSummary() {
        return new ConversationSummary(chat, "direct", null, List.of(ada, bob),
                List.of(new ConversationMember(ada, "member", T0, 2, 1), new ConversationMember(bob, "member", T0, 3, 3)),
                3, 2, 1, 2, message(3, bob), T0.plusSeconds(3));
    }

    @Test
    void aNewerLastSeqRaisesUnreadAndAnOlderOneChangesNothing() {
        ConversationSummary raised = adasSummary().withLastSeq(5);

        assertThat(raised.lastSeq()).isEqualTo(5);
        assertThat(raised.unread()).isEqualTo(4);
        assertThat(adasSummary().withLastSeq(2)).isEqualTo(adasSummary());
    }

    @Test
    void aNewerLastMessageFromAnotherMemberIsTheLastMessageAndUnread() {
        ConversationSummary newer = adasSummary().withLastMessage(message(5, bob), ada);

        assertThat(newer.lastSeq()).isEqualTo(5);
        assertThat(newer.lastMessage().seq()).isEqualTo(5);
        assertThat(newer.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(newer.readSeq()).isEqualTo(1);
        assertThat(newer.deliveredSeq()).isEqualTo(2);
        assertThat(newer.unread()).isEqualTo(4);
    }

    @Test
    void theViewersOwnNewerMessageCountsAsReadUpToIt() {
        ConversationSummary newer = adasSummary().withLastMessage(message(5, ada), ada);

        assertThat(newer.readSeq()).isEqualTo(5);
        assertThat(newer.deliveredSeq()).isEqualTo(5);
        assertThat(newer.unread()).isZero();
    }

    @Test
    void aNewerMessageMarksItsSenderReadUpToItInTheMemberWatermarks() {
        ConversationSummary newer = adasSummary().withLastMessage(message(5, bob), ada);

        assertThat(newer.members()).containsExactly(new ConversationMember(ada, "member", T0, 2, 1),
                new ConversationMember(bob, "member", T0, 5, 5));
    }

    @Test
    void aLastMessageAtTheCountedSeqFillsInTheMessageAndAnOlderOneChangesNothing() {
        ConversationSummary counted = adasSummary().withLastSeq(5);

        assertThat(counted.withLastMessage(message(5, bob), ada).lastMessage().seq()).isEqualTo(5);
        assertThat(counted.withLastMessage(message(4, bob), ada)).isEqualTo(counted);
        assertThat(adasSummary().withLastMessage(message(3, bob), ada)).isEqualTo(adasSummary());
        assertThat(adasSummary().withLastMessage(null, ada)).isEqualTo(adasSummary());
    }
}
