package dev.parley.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.command.TestAccounts;
import dev.parley.kernel.CommandTypes;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.ConversationCommand;
import dev.parley.kernel.conversation.CreateGroup;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.transport.CommandTransportProperties;
import dev.parley.transport.CommandHeaders;
import dev.parley.transport.CommandReply;
import dev.parley.transport.CommandSender;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.UsesRealServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A command whose sender has given up, or will before it could be stored, never takes effect: it is
 * answered {@code UNAVAILABLE} undecided, and a batch that runs too close to a deadline is not committed.
 */
@SpringBootTest(properties = "parley.commands.client-enabled=true")
@UsesRealServers
class CommandDeadlinesIT {

    @Autowired
    CommandSender remote;
    @Autowired
    ReplyingKafkaTemplate<String, byte[], byte[]> commandReplyingTemplate;
    @Autowired
    KafkaTopicsProperties topics;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    CommandDeadlines deadlines;
    @Autowired
    CommandTransportProperties properties;

    @Test
    void aCommandPastItsDeadlineIsAnsweredUnavailableAndNeverStored() throws Exception {
        UserId ada = TestAccounts.register(jdbc);
        UserId bob = TestAccounts.register(jdbc);
        ConversationId conversation = remote.sendAndWait(OpenDirect.between(ada, bob), ConversationId.class);

        CommandReply expired = sendRaw(new SendMessage(conversation, ada, "late", "too late", null),
                System.currentTimeMillis() - 1);
        // Not yet past its deadline, but too close to it to be decided and stored in time.
        CommandReply tooClose = sendRaw(new SendMessage(conversation, ada, "close", "too close", null),
                System.currentTimeMillis() + properties.decideMargin().toMillis() / 2);
        // The next command of the conversation comes after both on its partition: had either been stored,
        // this one would not be the first message.
        MessageAccepted next = remote.sendAndWait(new SendMessage(conversation, ada, "in-time", "in time", null),
                MessageAccepted.class);

        assertThat(expired.ok()).isFalse();
        assertThat(expired.code()).isEqualTo("UNAVAILABLE");
        assertThat(tooClose.ok()).isFalse();
        assertThat(tooClose.code()).isEqualTo("UNAVAILABLE");
        assertThat(next.seq()).isEqualTo(1);
        assertThat(eventStore.readEvents(conversation.value(), 0).asStream()
                .map(DomainEventMessage::getPayload).filter(MessageSent.class::isInstance)
                .map(sent -> ((MessageSent) sent).clientMsgId())).containsExactly("in-time");
    }

    @Test
    void aGroupCreationPastItsDeadlineCreatesNothing() throws Exception {
        UserId ada = TestAccounts.register(jdbc);
        ConversationId group = new ConversationId("g:" + UUID.randomUUID());

        CommandReply expired = sendRaw(new CreateGroup(group, ada, "never", Set.of()), System.currentTimeMillis() - 1);

        assertThat(expired.code()).isEqualTo("UNAVAILABLE");
        assertThat(eventStore.readEvents(group.value(), 0).asStream()).isEmpty();
    }

    @Test
    void aBatchStillOpenWhenACommandInItIsDueIsRolledBackNotCommitted() {
        UserId user = UserId.random();
        long deadline = System.currentTimeMillis() + properties.decideMargin().toMillis() + 2_000;
        long storeBy = deadline - properties.commitMargin().toMillis();

        Throwable commit = catchThrowable(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            ConsumerRecord<String, byte[]> command = new ConsumerRecord<>(topics.commands().name(), 0, 0, user.value(), new byte[0]);
            CommandHeaders.addDeadline(command.headers(), deadline);
            assertThat(deadlines.refusal(command)).as("in time to be decided").isNull();
            jdbc.update("INSERT INTO user_accounts (user_id, username, password_hash) VALUES (?, ?, 'x')",
                    user.value(), "t" + user.value().replace("-", "").substring(0, 24));
            // The rest of the batch takes long: the command's moment to be stored passes before the commit.
            await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > storeBy);
        }));

        // A DataAccessException, which the consumer answers by deciding the batch again one command at a time;
        // never a TransactionException, which Spring would not roll back.
        assertThat(commit).isInstanceOf(DataAccessException.class).isNotInstanceOf(TransactionException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM user_accounts WHERE user_id = ?", Long.class, user.value()))
                .isZero();
    }

    /** Sends {@code command} with the given deadline and waits for its reply, as CommandSender would but with no deadline of its own. */
    private CommandReply sendRaw(ConversationCommand command, long deadline) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.commands().name(),
                command.conversationId().value(), json.writeValueAsBytes(command));
        record.headers().add(CommandHeaders.TYPE, CommandTypes.nameOf(command).getBytes(StandardCharsets.UTF_8));
        CommandHeaders.addDeadline(record.headers(), deadline);
        var reply = commandReplyingTemplate.sendAndReceive(record, Duration.ofSeconds(30)).get(60, TimeUnit.SECONDS);
        return json.readValue(reply.value(), CommandReply.class);
    }
}
