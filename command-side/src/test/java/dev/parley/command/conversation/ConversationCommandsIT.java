package dev.parley.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.command.TestAccounts;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.FirstMessageSent;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.kernel.conversation.UnknownUser;
import dev.parley.testing.UsesRealServers;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Conversation commands through the command side's own Axon setup, stored in the real event store. */
@SpringBootTest
@UsesRealServers
class ConversationCommandsIT {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    private UserId registered() {
        return TestAccounts.register(jdbc);
    }

    @Test
    void messagesOfADirectConversationAreStoredInSeqOrderAndARepeatStoresNothing() {
        UserId ada = registered();
        UserId bob = registered();

        ConversationId conversation = commands.sendAndWait(OpenDirect.between(ada, bob));
        MessageAccepted first = commands.sendAndWait(new SendMessage(conversation, ada, "c-1", "hello", null));
        MessageAccepted second = commands.sendAndWait(new SendMessage(conversation, bob, "c-1", "hi", null));
        MessageAccepted repeat = commands.sendAndWait(new SendMessage(conversation, ada, "c-1", "hello", null));

        assertThat(conversation).isEqualTo(ConversationId.direct(ada, bob));
        assertThat(List.of(first.seq(), second.seq())).containsExactly(1L, 2L);
        assertThat(repeat).isEqualTo(first);
        List<? extends DomainEventMessage<?>> stored = eventStore.readEvents(conversation.value(), 0).asStream().toList();
        // Each member's first message is followed by FirstMessageSent (presence's consent), once.
        assertThat(stored.stream().map(event -> (Object) event.getPayloadType()).toList())
                .containsExactly(DirectConversationOpened.class, MessageSent.class, FirstMessageSent.class,
                        MessageSent.class, FirstMessageSent.class);
        assertThat(((MessageSent) stored.get(3).getPayload()).text()).isEqualTo("hi");
        assertThat(((MessageSent) stored.get(3).getPayload()).sentAt()).isEqualTo(second.sentAt());
    }

    @Test
    void aConversationWithSomeoneWhoNeverRegisteredIsRefusedAndNothingIsStored() {
        UserId ada = registered();
        UserId nobody = new UserId("nobody-" + UUID.randomUUID());
        OpenDirect open = OpenDirect.between(ada, nobody);

        assertThatThrownBy(() -> commands.sendAndWait(open)).isInstanceOf(UnknownUser.class);
        assertThat(eventStore.readEvents(open.conversationId().value(), 0).asStream()).isEmpty();
    }
}
