package dev.parley.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.parley.command.TestAccounts;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.CreateGroup;
import dev.parley.kernel.conversation.MarkRead;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.NotAMember;
import dev.parley.kernel.conversation.SeqBeyondLast;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A conversation loaded from its snapshot decides exactly as one replayed from all its events: the same
 * members and roles, the same last {@code seq}, the same remembered sends.
 */
@SpringBootTest(properties = "parley.conversations.snapshot-every=10")
@UsesRealServers
class ConversationSnapshotIT {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("conversationCache")
    Cache conversationCache;

    @Test
    void aConversationLoadedFromItsSnapshotKeepsItsMembersSeqAndRecentSends() {
        UserId ada = TestAccounts.register(jdbc);
        UserId bob = TestAccounts.register(jdbc);
        UserId eve = TestAccounts.register(jdbc);
        ConversationId group = commands.sendAndWait(
                new CreateGroup(ConversationId.newGroup(), ada, "snapshots", Set.of(bob)));
        MessageAccepted first = commands.sendAndWait(new SendMessage(group, ada, "c-0", "m0", null));
        for (int i = 1; i < 25; i++) {
            commands.sendAndWait(new SendMessage(group, i % 2 == 0 ? ada : bob, "c-" + i, "m" + i, null));
        }
        // The store soon answers with the newest snapshot (read back as a Conversation) and the events after
        // it: snapshots are taken on a thread of their own, after the command that triggered one.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<? extends DomainEventMessage<?>> history = eventStore.readEvents(group.value()).asStream().toList();
            assertThat(history.get(0).getPayload()).isInstanceOf(Conversation.class);
            assertThat(history.get(0).getSequenceNumber()).isGreaterThanOrEqualTo(9);
            assertThat(history).hasSizeLessThan(26);
        });

        // Forget the cached conversation: the next command loads it from the snapshot and the events after it.
        conversationCache.removeAll();

        MessageAccepted repeat = commands.sendAndWait(new SendMessage(group, ada, "c-0", "m0", null));
        MessageAccepted next = commands.sendAndWait(new SendMessage(group, bob, "c-25", "m25", null));
        NotAMember outsider = catchThrowableOfType(NotAMember.class,
                () -> commands.sendAndWait(new SendMessage(group, eve, "c-1", "let me in", null)));
        SeqBeyondLast beyond = catchThrowableOfType(SeqBeyondLast.class,
                () -> commands.sendAndWait(new MarkRead(group, bob, 27)));

        assertThat(repeat).isEqualTo(first);
        assertThat(next.seq()).isEqualTo(26);
        assertThat(outsider).isNotNull();
        assertThat(beyond).isNotNull();
    }
}
