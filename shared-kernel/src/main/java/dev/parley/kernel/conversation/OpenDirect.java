package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/** Opens (or finds again) the one-to-one conversation of {@code requester} and {@code other}. */
public record OpenDirect(ConversationId conversationId, UserId requester, UserId other) implements ConversationCommand {

    public OpenDirect {
        InvalidInput.require("requester", requester);
        InvalidInput.require("userId", other);
        if (requester.equals(other)) {
            throw new InvalidInput("a direct conversation needs two different users");
        }
        if (!ConversationId.direct(requester, other).equals(conversationId)) {
            throw new InvalidInput("conversationId is not the direct conversation of these two users");
        }
    }

    public static OpenDirect between(UserId requester, UserId other) {
        return new OpenDirect(ConversationId.direct(requester, other), requester, other);
    }
}
