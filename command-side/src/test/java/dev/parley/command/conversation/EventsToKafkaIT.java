package dev.parley.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.command.TestAccounts;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.TopicReader;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stored events reach the events topic keyed by their conversation, in the order they were stored. */
@SpringBootTest
@UsesRealServers
class EventsToKafkaIT {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTopicsProperties topics;

    private UserId registered() {
        return TestAccounts.register(jdbc);
    }

    @Test
    void aConversationsEventsArePublishedUnderItsIdInSeqOrder() {
        UserId ada = registered();
        UserId bob = registered();
        ConversationId conversation = commands.sendAndWait(OpenDirect.between(ada, bob));
        for (int i = 1; i <= 5; i++) {
            commands.sendAndWait(new SendMessage(conversation, i % 2 == 0 ? bob : ada, "c-" + i, "text " + i, null));
        }

        // The opening, five messages, and each member's first message recorded once (FirstMessageSent, right
        // after that message): eight events, in the order they were stored.
        List<String> published = readEventsOf(conversation, 8);

        assertThat(published.get(0)).contains("\"memberIds\"");
        List<String> messages = published.stream().filter(event -> event.contains("\"text\"")).toList();
        assertThat(messages).hasSize(5);
        for (int seq = 1; seq <= 5; seq++) {
            assertThat(messages.get(seq - 1)).contains("\"seq\":" + seq).contains("\"text\":\"text " + seq + "\"");
        }
        assertThat(published.get(2)).doesNotContain("\"text\"").contains("\"senderId\":\"" + ada.value() + "\"").contains("\"seq\":1");
        assertThat(published.get(4)).doesNotContain("\"text\"").contains("\"senderId\":\"" + bob.value() + "\"").contains("\"seq\":2");
    }

    /** Every record of the events topic under this key, from the start, until {@code expected} arrived. */
    private List<String> readEventsOf(ConversationId conversation, int expected) {
        List<String> values;
        try (TopicReader events = TopicReader.fromStart(topics.events().name())) {
            values = events.values(conversation.value(), expected, Duration.ofSeconds(60));
        }
        assertThat(values).as("events published under %s", conversation).hasSize(expected);
        return values;
    }
}
