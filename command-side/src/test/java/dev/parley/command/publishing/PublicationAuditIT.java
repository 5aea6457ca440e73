package dev.parley.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.command.TestAccounts;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.testing.RealServers;
import dev.parley.testing.TopicReader;
import dev.parley.testing.UsesRealServers;
import dev.parley.transport.CommandSender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The publication audit finds stored events that are not on the events topic, whatever the reason (here:
 * stored by a path that wrote no outbox row, as an outbox row deleted after an acknowledgement the broker
 * then lost leaves them), and publishes them once each, in order; events that are on the topic it leaves
 * alone. Its scheduled passes are an hour apart here: the test runs passes itself.
 */
@SpringBootTest(properties = {"parley.commands.client-enabled=true", "parley.events.audit.settle-age=1s",
        "parley.events.audit.every=1h"})
@UsesRealServers
class PublicationAuditIT {

    @Autowired
    CommandSender remote;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    PublicationAudit audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    KafkaTopicsProperties topics;

    private TopicReader topic;

    @BeforeEach
    void readTheEventsTopicFromItsEnd() {
        topic = TopicReader.fromNow(topics.events().name());
    }

    @AfterEach
    void close() {
        topic.close();
    }

    @Test
    void storedEventsMissingFromTheTopicArePublishedAgainOnceInOrder() {
        UserId sender = TestAccounts.register(jdbc);
        ConversationId conversation = remote.sendAndWait(OpenDirect.between(sender, TestAccounts.register(jdbc)),
                ConversationId.class);
        assertThat(topic.values(conversation.value(), 1, Duration.ofSeconds(30))).as("the creation, published").hasSize(1);

        storedWithoutPublishing(conversation, sender, 3);

        // Passes until one has audited past them: they must be older than the settle age (1 s) first, and a
        // pass skips while another context of this JVM audits.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    audit.auditOnce();
                    return auditedPast(conversation);
                });
        List<String> republished = topic.values(conversation.value(), 3, Duration.ofSeconds(30));
        assertThat(republished).hasSize(3);
        for (int seq = 1; seq <= 3; seq++) {
            assertThat(republished.get(seq - 1)).contains("\"seq\":" + seq).contains("audit-" + seq);
        }

        // Once each, and the creation (on the topic all along) not again, however many passes follow.
        List<String> later = new ArrayList<>();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInSameThread().untilAsserted(() -> {
            audit.auditOnce();
            later.addAll(topic.poll(conversation.value()));
            assertThat(later).as("records after the three").isEmpty();
        });
    }

    @Test
    void topicsAreCreatedSoThatAnAcknowledgedRecordIsOnEveryInSyncReplica() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealServers.endpoints().kafkaBootstrapServers()))) {
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, topics.events().name());
            Config config = admin.describeConfigs(List.of(events)).all().get(30, TimeUnit.SECONDS).get(events);

            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).source())
                    .as("set by Parley on the topic, not the broker's default")
                    .isEqualTo(org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(config.get(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG).value()).isEqualTo("false");
        }
    }

    /** Appends {@code count} messages to the conversation's history with no outbox row: nothing sends them. */
    private void storedWithoutPublishing(ConversationId conversation, UserId sender, int count) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            long next = storage.lastSequenceNumberFor(conversation.value()).orElse(-1L) + 1;
            List<GenericDomainEventMessage<MessageSent>> events = new ArrayList<>();
            for (long seq = 1; seq <= count; seq++) {
                events.add(new GenericDomainEventMessage<>("Conversation", conversation.value(), next + seq - 1,
                        new MessageSent(conversation, MessageId.random(), seq, sender, "audit-" + seq, "stored " + seq,
                                null, Instant.now())));
            }
            storage.appendEvents(events);
        });
    }

    private boolean auditedPast(ConversationId conversation) {
        Long last = jdbc.queryForObject("SELECT max(globalIndex) FROM domainevententry WHERE aggregateIdentifier = ?",
                Long.class, conversation.value());
        Long checkpoint = jdbc.queryForObject("SELECT verified_through FROM event_publication_audit", Long.class);
        return checkpoint != null && last != null && checkpoint >= last;
    }
}
