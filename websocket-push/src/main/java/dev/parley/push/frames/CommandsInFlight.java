package dev.parley.push.frames;

import dev.parley.kernel.Command;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.transport.OverloadReport;
import dev.parley.transport.OverloadReport.Shed;
import dev.parley.transport.CommandSender;
import dev.parley.push.PushProperties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Bounds the commands this node has sent and not yet had answered. When the command side falls behind,
 * replies slow down and commands pile up here; past the bound a new one is answered {@code UNAVAILABLE}
 * at once instead of joining a queue its client would wait out for the whole reply timeout. By Little's
 * law the bound is the node's throughput times the reply time: 1,000 carries 10,000 commands a second at
 * a normal 100 ms, and caps the wait when replies slow toward the timeout.
 */
@Component
class CommandsInFlight {

    private final CommandSender commands;
    private final OverloadReport overload;
    private final Semaphore slots;
    private final int max;

    CommandsInFlight(CommandSender commands, OverloadReport overload, PushProperties properties) {
        this.commands = commands;
        this.overload = overload;
        this.max = properties.maxCommandsInFlight();
        this.slots = new Semaphore(max);
    }

    /** {@link CommandSender#send}, or {@code UNAVAILABLE} at once when {@code max} commands are already waiting. */
    <R> CompletableFuture<R> send(Command command, Class<R> resultType) {
        if (!slots.tryAcquire()) {
            overload.count(Shed.IN_FLIGHT_FULL);
            return CompletableFuture.failedFuture(new Refused(ErrorCode.UNAVAILABLE, "this node has " + max
                    + " commands waiting for the command side: retry in a moment (with the same clientMsgId or conversationId)"));
        }
        CompletableFuture<R> reply;
        try {
            reply = commands.send(command, resultType);
        } catch (RuntimeException failed) {
            slots.release();
            throw failed;
        }
        return reply.whenComplete((result, failure) -> slots.release());
    }
}
