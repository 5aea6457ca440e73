package dev.parley.command.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ChatException;
import dev.parley.kernel.CommandTypes;
import dev.parley.kernel.ErrorCode;
import dev.parley.platform.logging.FaultLog;
import dev.parley.kernel.conversation.ConversationCommand;
import dev.parley.kernel.conversation.NotAMember;
import dev.parley.transport.CommandHeaders;
import dev.parley.transport.CommandReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Turns one command record into its answer: reads the command, has its aggregate decide it, and maps
 * every outcome to a reply, a refusal carrying its protocol code. It runs inside the caller's transaction.
 */
@Component
class CommandDecider {

    private static final Logger log = LoggerFactory.getLogger(CommandDecider.class);

    private final CommandGateway commands;
    private final ObjectMapper json;
    private final CommandDeadlines deadlines;
    private final FaultLog faults = new FaultLog(CommandDecider.class);

    CommandDecider(CommandGateway commands, ObjectMapper json, CommandDeadlines deadlines) {
        this.commands = commands;
        this.json = json;
        this.deadlines = deadlines;
    }

    /**
     * Thrown instead of an answer when a command of a batch fails in the store (or unexpectedly): the
     * batch's transaction may be unusable after that, so it is rolled back and its commands are decided
     * again, each in a transaction of its own.
     */
    static final class FailedInBatch extends RuntimeException {
        FailedInBatch(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The answer, deciding the command in a transaction of its own. */
    CommandReply decide(ConsumerRecord<String, byte[]> record) {
        return decide(record, false);
    }

    /** The answer, deciding the command inside a batch's transaction; see {@link FailedInBatch}. */
    CommandReply decideInBatch(ConsumerRecord<String, byte[]> record) {
        return decide(record, true);
    }

    /** A failed command rolls back its unit of work, which also drops its aggregate from the cache. */
    private CommandReply decide(ConsumerRecord<String, byte[]> record, boolean inBatch) {
        CommandReply tooLate = deadlines.refusal(record);
        if (tooLate != null) {
            return tooLate; // its sender stops waiting before this could be stored: not decided at all
        }
        Header typeHeader = record.headers().lastHeader(CommandHeaders.TYPE);
        String type = typeHeader == null ? "" : new String(typeHeader.value(), StandardCharsets.UTF_8);
        Class<?> commandType = CommandTypes.byName(type).orElse(null);
        if (commandType == null) {
            return CommandReply.refusal(ErrorCode.BAD_REQUEST.name(), "unknown command type '" + type + "'");
        }
        Object command;
        try {
            command = json.readValue(record.value(), commandType);
        } catch (IOException e) {
            ChatException rule = ExceptionUtils.throwableOfType(e, ChatException.class);
            if (rule != null) {
                return CommandReply.refusal(rule.code().name(), rule.getMessage());
            }
            // Our own edges wrote it: a fault (another version's command?) for operators, not the client's.
            faults.unexpected("a " + type + " command on the commands topic could not be read", e);
            return CommandReply.refusal(ErrorCode.BAD_REQUEST.name(), "malformed " + type + " command");
        }
        try {
            Object result = commands.sendAndWait(command);
            return CommandReply.success(json.valueToTree(result));
        } catch (ChatException refused) {
            return CommandReply.refusal(refused.code().name(), refused.getMessage());
        } catch (AggregateNotFoundException missing) {
            if (command instanceof ConversationCommand toConversation) {
                // Exactly what a non-member of an existing conversation hears: no oracle on which ids exist.
                NotAMember refusal = NotAMember.of(toConversation.conversationId());
                return CommandReply.refusal(refusal.code().name(), refusal.getMessage());
            }
            return CommandReply.refusal(ErrorCode.NOT_FOUND.name(), "no user " + record.key());
        } catch (DataAccessException storeDown) {
            if (inBatch) {
                throw new FailedInBatch(storeDown);
            }
            log.warn("could not store {} for {}: {}", type, record.key(), storeDown.getMessage());
            return CommandReply.refusal(ErrorCode.UNAVAILABLE.name(), "the event store is unavailable; retry");
        } catch (RuntimeException unexpected) {
            if (inBatch) {
                throw new FailedInBatch(unexpected);
            }
            faults.unexpected(type + " failed", unexpected);
            return CommandReply.refusal(ErrorCode.INTERNAL.name(), "the command failed; it was not stored");
        }
    }
}
