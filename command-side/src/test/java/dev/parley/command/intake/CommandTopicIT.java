package dev.parley.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.parley.command.CommandSideApplication;
import dev.parley.command.TestAccounts;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.transport.CommandSender;
import dev.parley.testing.RealServers;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Commands sent over the commands topic are decided, stored and answered on the sender's reply topic. */
@SpringBootTest(properties = "parley.commands.client-enabled=true")
@UsesRealServers
class CommandTopicIT {

    @Autowired
    CommandSender remote;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private UserId registered() {
        return TestAccounts.register(jdbc);
    }

    @Test
    void aSendIsStoredAndAnsweredAndARepeatGetsTheFirstAnswer() {
        UserId ada = registered();
        UserId bob = registered();
        ConversationId conversation = remote.sendAndWait(OpenDirect.between(ada, bob), ConversationId.class);

        MessageAccepted first = remote.sendAndWait(new SendMessage(conversation, ada, "c-1", "over kafka", null), MessageAccepted.class);
        MessageAccepted repeat = remote.sendAndWait(new SendMessage(conversation, ada, "c-1", "over kafka", null), MessageAccepted.class);

        assertThat(first.seq()).isEqualTo(1);
        assertThat(repeat).isEqualTo(first);
        assertThat(eventStore.readEvents(conversation.value(), 0).asStream()
                .filter(event -> event.getPayload() instanceof MessageSent).count()).isEqualTo(1);
    }

    @Test
    void refusalsComeBackWithTheirProtocolCode() {
        UserId ada = registered();
        UserId bob = registered();
        UserId eve = registered();
        ConversationId conversation = remote.sendAndWait(OpenDirect.between(ada, bob), ConversationId.class);

        Refused notMember = catchThrowableOfType(Refused.class, () -> remote.sendAndWait(
                new SendMessage(conversation, eve, "c-1", "let me in", null), MessageAccepted.class));
        ConversationId neverOpened = ConversationId.direct(eve, bob);
        Refused missing = catchThrowableOfType(Refused.class, () -> remote.sendAndWait(
                new SendMessage(neverOpened, eve, "c-1", "anyone?", null), MessageAccepted.class));

        assertThat(notMember.code()).isEqualTo(ErrorCode.FORBIDDEN);
        // A conversation that does not exist is answered as one that is not yours, word for word: no oracle.
        assertThat(missing.code()).isEqualTo(notMember.code());
        assertThat(missing.getMessage().replace(neverOpened.value(), "<id>"))
                .isEqualTo(notMember.getMessage().replace(conversation.value(), "<id>"));
    }

    @Test
    void aRefusedCommandInABatchTakesNothingElseWithIt() throws Exception {
        UserId ada = registered();
        UserId bob = registered();
        UserId eve = registered();
        ConversationId conversation = remote.sendAndWait(OpenDirect.between(ada, bob), ConversationId.class);
        MessageListenerContainer consumer = listeners.getListenerContainer("parley-commands");

        // Held back while they are sent, the commands reach the consumer in one poll: one batch, one transaction.
        consumer.pause();
        awaitPaused(consumer);
        List<CompletableFuture<MessageAccepted>> valid = new ArrayList<>();
        List<CompletableFuture<MessageAccepted>> refused = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            valid.add(remote.send(new SendMessage(conversation, i % 2 == 0 ? ada : bob, "c-" + i, "m" + i, null), MessageAccepted.class));
            refused.add(remote.send(new SendMessage(conversation, eve, "e-" + i, "let me in", null), MessageAccepted.class));
        }
        Thread.sleep(300);
        consumer.resume();

        assertThat(valid.stream().map(CompletableFuture::join).map(MessageAccepted::seq).toList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 10).mapToObj(Long::valueOf).toList());
        for (CompletableFuture<MessageAccepted> refusal : refused) {
            Throwable failure = catchThrowableOfType(CompletionException.class, refusal::join).getCause();
            assertThat(((Refused) failure).code()).isEqualTo(ErrorCode.FORBIDDEN);
        }
        assertThat(eventStore.readEvents(conversation.value(), 0).asStream()
                .filter(event -> event.getPayload() instanceof MessageSent).count()).isEqualTo(10);
    }

    /**
     * Every command-side context alive in the test run is in the commands topic's group, so the second
     * instance gets partitions only while the group has fewer consumers than partitions:
     * src/test/resources/spring.properties bounds the contexts kept alive.
     */
    @Test
    void twoInstancesSplitThePartitionsAndKeepEveryConversationGapless() throws Exception {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties(Map.of("server.port", "0", "parley.commands.client-enabled", "false",
                        "parley.auth.jwt-secret", RealServers.TEST_JWT_SECRET))
                .properties(RealServers.endpoints().springProperties())
                .run()) {
            awaitBothAssigned(second.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("parley-commands"));

            Map<ConversationId, UserId> senders = new LinkedHashMap<>();
            for (int i = 0; i < 6; i++) {
                UserId a = registered();
                UserId b = registered();
                senders.put(remote.sendAndWait(OpenDirect.between(a, b), ConversationId.class), a);
            }
            List<ConversationId> conversations = List.copyOf(senders.keySet());
            int perConversation = 20;
            List<CompletableFuture<MessageAccepted>> sends = new ArrayList<>();
            IntStream.range(0, perConversation).forEach(i -> conversations.forEach(conversation -> sends.add(
                    remote.send(new SendMessage(conversation, senders.get(conversation), "c-" + i, "m" + i, null),
                            MessageAccepted.class))));
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();

            for (ConversationId conversation : conversations) {
                List<Long> seqs = eventStore.readEvents(conversation.value(), 0).asStream()
                        .map(event -> event.getPayload()).filter(MessageSent.class::isInstance)
                        .map(event -> ((MessageSent) event).seq()).toList();
                assertThat(seqs).as("seqs of %s", conversation)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, perConversation).mapToObj(Long::valueOf).toList());
            }
            assertThat(assigned(listeners.getListenerContainer("parley-commands"))).isPositive();
            assertThat(assigned(second.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("parley-commands")))
                    .isPositive();
        }
    }

    private void awaitBothAssigned(MessageListenerContainer secondContainer) {
        await("both instances assigned partitions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> assigned(listeners.getListenerContainer("parley-commands")) > 0 && assigned(secondContainer) > 0);
    }

    private static void awaitPaused(MessageListenerContainer container) {
        await("consumer paused").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(container::isContainerPaused);
    }

    private static int assigned(MessageListenerContainer container) {
        var partitions = container.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }
}
