package dev.parley.platform.kafka;

import dev.parley.kernel.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Parley's Kafka topics. Partition counts bound how many consumers of one group work in parallel; they
 * can grow later but never shrink without re-keying, so they start generous.
 */
@ConfigurationProperties("parley.kafka.topics")
public record KafkaTopicsProperties(@DefaultValue Events events, @DefaultValue Commands commands,
                                    @DefaultValue Presence presence) {

    /**
     * What creating a topic needs. A negative retention keeps records forever. {@code replicas} and
     * {@code minInSyncReplicas} are 1 for the one-broker standalone run; a cluster sets 3 and 2, so that an
     * acknowledged record (the producers ask for {@code acks=all}) is on two brokers' logs and one broker can
     * be lost without losing it or refusing writes.
     */
    public interface Topic {
        String name();

        int partitions();

        short replicas();

        int minInSyncReplicas();

        Duration retention();
    }

    /** The replayable history: kept forever unless a deployment says otherwise. */
    public record Events(@DefaultValue(Topics.EVENTS) String name, @DefaultValue("12") int partitions,
                         @DefaultValue("1") short replicas, @DefaultValue("1") int minInSyncReplicas,
                         @DefaultValue("-1ms") Duration retention)
            implements Topic {
    }

    /** Commands are answered within seconds; a week covers any outage worth replaying. */
    public record Commands(@DefaultValue(Topics.COMMANDS) String name, @DefaultValue("12") int partitions,
                           @DefaultValue("1") short replicas, @DefaultValue("1") int minInSyncReplicas,
                           @DefaultValue("7d") Duration retention)
            implements Topic {
    }

    public record Presence(@DefaultValue(Topics.PRESENCE) String name, @DefaultValue("6") int partitions,
                           @DefaultValue("1") short replicas, @DefaultValue("1") int minInSyncReplicas,
                           @DefaultValue("1d") Duration retention)
            implements Topic {
    }
}
