package dev.parley.command;

import dev.parley.kernel.Command;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds the aggregate a command is for from the kernel's {@link Command#aggregateId()}, the same key the
 * command travelled under on the commands topic, so that the shared vocabulary needs no Axon annotation.
 */
public final class AggregateTargets implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof Command parleyCommand) {
            return new VersionedAggregateIdentifier(parleyCommand.aggregateId(), null);
        }
        throw new IllegalArgumentException("no aggregate is known for " + command.getPayloadType().getName());
    }
}
