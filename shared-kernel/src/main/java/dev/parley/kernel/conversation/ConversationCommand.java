package dev.parley.kernel.conversation;

import dev.parley.kernel.Command;

import dev.parley.kernel.ConversationId;

/**
 * A command to one conversation: routed by {@link #conversationId()}, so that one conversation's
 * commands are decided one at a time, in order. The acting user comes from the authenticated session,
 * never from what a client wrote.
 */
public sealed interface ConversationCommand extends Command
        permits OpenDirect, CreateGroup, AddMembers, RemoveMember, LeaveGroup, RenameGroup, SendMessage,
        MarkDelivered, MarkRead {

    ConversationId conversationId();

    @Override
    default String aggregateId() {
        return conversationId().value();
    }
}
