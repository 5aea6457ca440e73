package dev.parley.command.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.command.publishing.EventsPublisher;
import dev.parley.command.publishing.PublishingScope;
import dev.parley.kernel.ErrorCode;
import dev.parley.platform.logging.FaultLog;
import dev.parley.transport.CommandReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.common.caching.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes commands off the commands topic a polled batch at a time and answers each on the reply topic its
 * sender named. The topic is keyed by aggregate id, so each aggregate's commands reach one consumer, in
 * order: no two instances decide for one conversation at once.
 *
 * <p>A batch is decided in one database transaction, which every command's unit of work joins (see
 * {@code JoinedTransactions}): a refused command has written nothing, so it takes nothing else with it,
 * and the whole batch costs one commit. Replies go out only after that commit: nothing is acknowledged
 * that is not stored. If a command fails in the store, or the commit fails, nothing of the batch is
 * stored; the cached aggregates, which saw its events, are dropped and each command is decided again in
 * a transaction of its own. When no transaction can even begin (PostgreSQL is out: no connection within
 * Hikari's {@code connection-timeout}), the commands still undecided are answered {@code UNAVAILABLE} at
 * once rather than each waiting that timeout again: a batch then costs one timeout, well within the
 * consumer's poll interval, and nothing of it was stored. The events each commit stored
 * are sent to the events topic right after it ({@link EventsPublisher}).
 */
@Component
class CommandTopicListener {

    private static final Logger log = LoggerFactory.getLogger(CommandTopicListener.class);
    private final FaultLog faults = new FaultLog(CommandTopicListener.class);

    private final CommandDecider decider;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, byte[]> replies;
    private final Cache conversationCache;
    private final ObjectMapper json;
    private final EventsPublisher events;

    CommandTopicListener(CommandDecider decider, PlatformTransactionManager transactions, EventsPublisher events,
                         KafkaTemplate<String, byte[]> commandKafkaTemplate,
                         @Qualifier("conversationCache") Cache conversationCache, ObjectMapper json) {
        this.decider = decider;
        this.transaction = new TransactionTemplate(transactions);
        this.replies = commandKafkaTemplate;
        this.conversationCache = conversationCache;
        this.json = json;
        this.events = events;
    }

    @KafkaListener(id = "parley-commands",
            topics = "${parley.kafka.topics.commands.name:parley.commands}",
            groupId = "${parley.commands.consumer-group:parley-command-side}",
            concurrency = "${parley.commands.consumers:2}",
            containerFactory = "commandListenerFactory",
            batch = "true")
    void handle(List<ConsumerRecord<String, byte[]>> batch) {
        // Closing the scope waits until Kafka holds the batch's events, so the next batch's events of
        // the same conversations cannot overtake them.
        try (PublishingScope publishing = events.scopeFor(partitionsOf(batch))) {
            List<CommandReply> answers;
            try {
                answers = transaction.execute(status -> decideAll(batch));
            } catch (TransactionException | DataAccessException | CommandDecider.FailedInBatch commitFailed) {
                conversationCache.removeAll();
                if (cannotBegin(commitFailed)) {
                    // Counted, not logged per batch: an outage fails every batch until PostgreSQL is back.
                    faults.unexpected("a batch of commands could not begin a transaction (PostgreSQL unreachable)", commitFailed);
                    answers = Collections.nCopies(batch.size(), storeUnavailable());
                } else {
                    log.warn("a batch of {} commands was not stored ({}); deciding them one by one", batch.size(),
                            commitFailed.getMessage());
                    answers = decideOneByOne(batch);
                }
            }
            // The events are on their way (sent right after the commit); the replies follow them.
            for (int i = 0; i < batch.size(); i++) {
                reply(batch.get(i), answers.get(i));
            }
        }
    }

    private static Set<Integer> partitionsOf(List<ConsumerRecord<String, byte[]>> batch) {
        Set<Integer> partitions = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            partitions.add(record.partition());
        }
        return partitions;
    }

    private List<CommandReply> decideAll(List<ConsumerRecord<String, byte[]>> batch) {
        List<CommandReply> answers = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            answers.add(decider.decideInBatch(record));
        }
        return answers;
    }

    /** Each command in a transaction of its own; once one cannot even begin, the rest are not tried. */
    private List<CommandReply> decideOneByOne(List<ConsumerRecord<String, byte[]>> batch) {
        List<CommandReply> answers = new ArrayList<>(batch.size());
        boolean storeUnreachable = false;
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (storeUnreachable) {
                answers.add(storeUnavailable());
                continue;
            }
            try {
                answers.add(transaction.execute(status -> decider.decide(record)));
            } catch (TransactionException | DataAccessException commitFailed) {
                conversationCache.remove(record.key());
                answers.add(storeUnavailable());
                storeUnreachable = cannotBegin(commitFailed);
            }
        }
        return answers;
    }

    /** No connection, so nothing of the transaction was written: unlike a failed commit, which may have been. */
    private static boolean cannotBegin(Exception failure) {
        return ExceptionUtils.throwableOfType(failure, CannotCreateTransactionException.class) != null;
    }

    private static CommandReply storeUnavailable() {
        return CommandReply.refusal(ErrorCode.UNAVAILABLE.name(), "the event store is unavailable; retry");
    }

    /** Answers on the sender's reply topic, under the correlation id it waits for. */
    private void reply(ConsumerRecord<String, byte[]> command, CommandReply reply) {
        Header replyTopic = command.headers().lastHeader(KafkaHeaders.REPLY_TOPIC);
        Header correlation = command.headers().lastHeader(KafkaHeaders.CORRELATION_ID);
        if (replyTopic == null || correlation == null) {
            return; // a command nobody waits for (sent without a reply topic)
        }
        byte[] value;
        try {
            value = json.writeValueAsBytes(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a command reply could not be written", e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(new String(replyTopic.value(), StandardCharsets.UTF_8),
                command.key(), value);
        record.headers().add(KafkaHeaders.CORRELATION_ID, correlation.value());
        replies.send(record);
    }
}
