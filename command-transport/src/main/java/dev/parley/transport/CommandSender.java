package dev.parley.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.Command;
import dev.parley.kernel.CommandTypes;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.platform.logging.FaultLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

/**
 * Sends commands to the command side over the commands topic, keyed by the aggregate they are for (so
 * that one consumer decides one aggregate's commands, in order), and returns the reply: the result, a
 * refusal with its protocol code, or {@code UNAVAILABLE} when no reply came in time.
 *
 * <p>Each command carries its deadline ({@link CommandHeaders#DEADLINE}): the moment this sender stops
 * waiting, now plus the timeout. The command side does not decide a command too close to it, so a
 * command answered {@code UNAVAILABLE} here for want of a reply is not stored later (docs/architecture.md,
 * "Deadlines and shedding"). The deadline is taken before the template starts its own timer, so the
 * sender gives up at the deadline or after it, never before.
 */
public final class CommandSender {

    private final ReplyingKafkaTemplate<String, byte[], byte[]> template;
    private final ObjectMapper json;
    private final String topic;
    private final Duration timeout;
    private final OverloadReport overload;
    private final FaultLog faults = new FaultLog(CommandSender.class);
    private volatile boolean listening;

    CommandSender(ReplyingKafkaTemplate<String, byte[], byte[]> template, ObjectMapper json, String topic, Duration timeout,
                   OverloadReport overload) {
        this.template = template;
        this.json = json;
        this.topic = topic;
        this.timeout = timeout;
        this.overload = overload;
    }

    /** The reply's result as {@code resultType}; completes exceptionally with a {@link Refused}. */
    public <R> CompletableFuture<R> send(Command command, Class<R> resultType) {
        awaitReplyListener();
        ProducerRecord<String, byte[]> record;
        try {
            record = new ProducerRecord<>(topic, command.aggregateId(), json.writeValueAsBytes(command));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        record.headers().add(CommandHeaders.TYPE, CommandTypes.nameOf(command).getBytes(StandardCharsets.UTF_8));
        CommandHeaders.addDeadline(record.headers(), System.currentTimeMillis() + timeout.toMillis());
        return template.sendAndReceive(record, timeout)
                .handle((reply, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(asRefusal(failure));
                    }
                    return read(reply.value(), resultType);
                });
    }

    /** {@link #send} and wait: throws the {@link Refused} itself. */
    public <R> R sendAndWait(Command command, Class<R> resultType) {
        try {
            return send(command, resultType).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refusal) {
                throw refusal;
            }
            throw new Refused(ErrorCode.INTERNAL, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(ErrorCode.UNAVAILABLE, "interrupted while waiting for the command side");
        }
    }

    /**
     * The reply consumer starts reading at the end of its topic once assigned: a reply written before that
     * would be missed, so the first send waits for the assignment.
     */
    private void awaitReplyListener() {
        if (!listening) {
            try {
                listening = template.waitForAssignment(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <R> R read(byte[] value, Class<R> resultType) {
        try {
            CommandReply reply = json.readValue(value, CommandReply.class);
            if (!reply.ok()) {
                throw new Refused(ErrorCode.valueOf(reply.code()), reply.message());
            }
            return resultType == Void.class ? null : json.treeToValue(reply.result(), resultType);
        } catch (IOException e) {
            faults.unexpected("a reply from the command side could not be read", e);
            throw new Refused(ErrorCode.INTERNAL, "the command side's answer could not be read; retry with the same keys");
        }
    }

    private Throwable asRefusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException || failure instanceof ExecutionException
                ? failure.getCause() : failure;
        if (cause instanceof KafkaReplyTimeoutException) {
            overload.count(OverloadReport.Shed.TIMED_OUT);
            return new Refused(ErrorCode.UNAVAILABLE, "the command side did not answer within " + timeout.toMillis()
                    + " ms; retry (with the same clientMsgId or conversationId, a retry is safe)");
        }
        if (cause instanceof Refused) {
            return cause;
        }
        faults.unexpected("a command could not be sent", cause);
        return new Refused(ErrorCode.UNAVAILABLE, "could not send the command; retry");
    }

}
