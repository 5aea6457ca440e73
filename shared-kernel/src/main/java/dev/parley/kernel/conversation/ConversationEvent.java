package dev.parley.kernel.conversation;

import dev.parley.kernel.ConversationId;

/** A fact about one conversation; on Kafka it is keyed by {@link #conversationId()}, which keeps its order. */
public sealed interface ConversationEvent
        permits DirectConversationOpened, GroupCreated, MembersAdded, MemberRemoved, MemberLeft, GroupRenamed,
        MessageSent, FirstMessageSent, MessagesDelivered, MessagesRead {

    ConversationId conversationId();
}
