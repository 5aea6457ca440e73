package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.ShownText;
import dev.parley.kernel.TooLarge;
import dev.parley.kernel.UserId;

/**
 * A member sends a message: text, a media object, or both. Idempotent on (sender, conversation,
 * {@code clientMsgId}): a repeat is answered with the first message's id and seq.
 */
public record SendMessage(ConversationId conversationId, UserId sender, String clientMsgId, String text, MediaId mediaId)
        implements ConversationCommand {

    public SendMessage {
        InvalidInput.require("conversationId", conversationId);
        InvalidInput.require("sender", sender);
        clientMsgId = InvalidInput.requireLength("clientMsgId", clientMsgId, 1, ConversationRules.MAX_CLIENT_MSG_ID_CHARS);
        if (text != null && text.isBlank()) {
            text = null;
        }
        if (text == null && mediaId == null) {
            throw new InvalidInput("a message needs text, a mediaId, or both");
        }
        if (text != null && text.length() > ConversationRules.MAX_TEXT_CHARS) {
            throw new TooLarge("text may be at most " + ConversationRules.MAX_TEXT_CHARS + " characters");
        }
        if (text != null) {
            ShownText.message("text", text);
        }
    }
}
