package dev.parley.kernel.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A group's id may be the client's choice: only a group's shape gets through. */
class CreateGroupTest {

    private static final UserId ADA = new UserId("ada");

    @Test
    void aGroupIdIsGAndAnythingSafeAfterIt() {
        for (String id : new String[] {ConversationId.newGroup().value(), "g:book-club", "g:x"}) {
            assertThat(new CreateGroup(new ConversationId(id), ADA, "club", Set.of()).conversationId().value()).isEqualTo(id);
        }
    }

    @Test
    void aDirectIdOrAnIdWithoutTheGroupPrefixIsRefused() {
        for (String id : new String[] {ConversationId.direct(ADA, new UserId("bob")).value(), "book-club", "g:", "G:club"}) {
            assertThatThrownBy(() -> new CreateGroup(new ConversationId(id), ADA, "club", Set.of())).as(id)
                    .isInstanceOf(InvalidInput.class).hasMessageContaining("'g:'");
        }
    }
}
