package dev.parley.command;

import dev.parley.kernel.conversation.ConversationCommand;
import dev.parley.kernel.user.UserCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds the aggregate a command is for from the kernel's command interfaces, so that the shared
 * vocabulary needs no Axon annotation.
 */
public final class AggregateTargets implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof ConversationCommand conversationCommand) {
            return new VersionedAggregateIdentifier(conversationCommand.conversationId().value(), null);
        }
        if (command.getPayload() instanceof UserCommand userCommand) {
            return new VersionedAggregateIdentifier(userCommand.userId().value(), null);
        }
        throw new IllegalArgumentException("no aggregate is known for " + command.getPayloadType().getName());
    }
}
