package dev.parley.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.kernel.conversation.MarkRead;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.kernel.user.UpdateProfile;
import org.junit.jupiter.api.Test;

class CommandTypesTest {

    @Test
    void everyPermittedCommandTravelsUnderItsSimpleNameAndNothingElseIsACommand() {
        assertThat(CommandTypes.byName("SendMessage")).contains(SendMessage.class);
        assertThat(CommandTypes.byName("MarkRead")).contains(MarkRead.class);
        assertThat(CommandTypes.byName("UpdateProfile")).contains(UpdateProfile.class);
        assertThat(CommandTypes.byName("ConversationCommand")).as("an interface is no command").isEmpty();
        assertThat(CommandTypes.byName("Runtime")).isEmpty();
    }

    @Test
    void aCommandIsKeyedByItsAggregate() {
        SendMessage send = new SendMessage(new ConversationId("d:1"), new UserId("u1"), "c1", "hi", null);

        assertThat(CommandTypes.nameOf(send)).isEqualTo("SendMessage");
        assertThat(send.aggregateId()).isEqualTo("d:1");
    }
}
