package dev.parley.command.publishing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the publication audit checks that every stored event is on the events topic.
 *
 * @param enabled            whether this node takes part (any one node audits at a time)
 * @param every              how long a node waits between two passes (a pass that found a full window runs
 *                           again at once)
 * @param settleAge          an event younger than this is not audited yet: the publisher and its outbox
 *                           recovery are still within their rights to be sending it
 * @param maxEventsPerPass   the most stored events one pass compares with the topic: bounds its memory and
 *                           its time
 * @param clockSkewMargin    how far a record's timestamp (the producer's clock) may lag its event's (the
 *                           command side's clock): the topic is read from this much before the window's
 *                           oldest event
 * @param firstPassLookback  where the very first audit of a store starts: events older than this are taken
 *                           as verified (a store older than the audit was published by the outbox alone)
 * @param topicReadTimeout   how long a pass may read the topic; a pass that runs out publishes nothing and
 *                           moves no checkpoint
 */
@ConfigurationProperties("parley.events.audit")
public record PublicationAuditProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration every,
        @DefaultValue("2m") Duration settleAge,
        @DefaultValue("10000") int maxEventsPerPass,
        @DefaultValue("5s") Duration clockSkewMargin,
        @DefaultValue("1h") Duration firstPassLookback,
        @DefaultValue("30s") Duration topicReadTimeout) {
}
