package dev.parley.push.registry;

import dev.parley.kernel.UserId;
import dev.parley.kernel.presence.PresenceChanged;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.push.events.EventRecords;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes presence changes on the presence topic, keyed by user id: the presence projection keeps them
 * in Redis, and the fan-out pushes them to the users who share a conversation with that user.
 */
@Component
public class PresencePublisher {

    private static final Logger log = LoggerFactory.getLogger(PresencePublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventRecords records;
    private final String topic;
    private final Clock clock = Clock.systemUTC();

    PresencePublisher(KafkaTemplate<String, byte[]> commandKafkaTemplate, EventRecords records, KafkaTopicsProperties topics) {
        this.kafka = commandKafkaTemplate;
        this.records = records;
        this.topic = topics.presence().name();
    }

    /** Sends the change without waiting; a lost one is corrected by the user's next change. */
    public void publish(UserId user, boolean online, String nodeId) {
        PresenceChanged change = new PresenceChanged(user, online, clock.instant(), nodeId);
        kafka.send(records.record(topic, user.value(), change)).whenComplete((sent, failure) -> {
            if (failure != null) {
                log.warn("could not publish presence of {}: {}", user, failure.getMessage());
            }
        });
    }
}
