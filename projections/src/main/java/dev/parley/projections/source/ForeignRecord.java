package dev.parley.projections.source;

/**
 * A record on a Parley topic that is not an Axon event (a probe, another producer's record). It is handed
 * to the processors as this event, which no projection handles, so that their position still moves past
 * the record: otherwise a replay could never be seen to reach the end it was set, and the lag would
 * never reach zero.
 */
public record ForeignRecord(String topic, int partition, long offset) {
}
