package dev.parley.command.publishing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How stored events reach the events topic.
 *
 * @param ackTimeout how long one attempt waits for Kafka to acknowledge a transaction's events before it
 *                   sends them again
 * @param orphanAge  an outbox row older than this is taken to have lost its publisher, and any node
 *                   publishes it again (a node that dies hands its partitions over sooner: see
 *                   {@link OutboxRecovery})
 * @param sweepEvery how often each node looks for such rows
 */
@ConfigurationProperties("parley.events.publisher")
public record EventsPublisherProperties(
        @DefaultValue("10s") Duration ackTimeout,
        @DefaultValue("60s") Duration orphanAge,
        @DefaultValue("15s") Duration sweepEvery) {
}
