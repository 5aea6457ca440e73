package dev.parley.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.platform.s3.MediaBucket;
import dev.parley.testing.RealServers;
import dev.parley.testing.ServerChecks;
import dev.parley.testing.UsesRealServers;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The command side writes to and reads from each server it uses, through its own configured clients. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class CommandSideReachesServersIT {

    record ProbeRecorded(String probeId, String note) {
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    KafkaTopicsProperties topics;
    @Autowired
    S3Client s3;
    @Autowired
    MediaBucket bucket;
    @LocalServerPort
    int port;

    @Test
    void appendsToAndReadsFromTheEventStoreInPostgres() {
        String aggregateId = UUID.randomUUID().toString();
        // Straight into the storage engine: through the event bus these would also be published, and a probe
        // has no business on the shared events topic.
        storage.appendEvents(new GenericDomainEventMessage<>("Probe", aggregateId, 0, new ProbeRecorded(aggregateId, "first")),
                new GenericDomainEventMessage<>("Probe", aggregateId, 1, new ProbeRecorded(aggregateId, "second")));

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents(aggregateId).asStream().toList();

        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(read.get(1).getPayload()).isEqualTo(new ProbeRecorded(aggregateId, "second"));
    }

    @Test
    void sendsToAndReadsBackFromTheCommandsTopic() throws Exception {
        String key = UUID.randomUUID().toString();
        var sent = kafka.send(topics.commands().name(), key, "{\"probe\":true}").get(20, TimeUnit.SECONDS);

        var record = ServerChecks.readBack(RealServers.endpoints().kafkaBootstrapServers(), sent);

        assertThat(record.key()).isEqualTo(key);
        assertThat(record.value()).isEqualTo("{\"probe\":true}");
    }

    @Test
    void storesAndFetchesAnObjectInTheMediaBucket() {
        String key = "probe/" + UUID.randomUUID();
        s3.putObject(request -> request.bucket(bucket.name()).key(key), RequestBody.fromString("hello media"));

        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket.name()).key(key)).asUtf8String())
                .isEqualTo("hello media");
    }

    @Test
    void reportsItsServersHealthy() throws Exception {
        ServerChecks.assertHealthUp(port, "postgres", "kafka", "s3");
    }
}
