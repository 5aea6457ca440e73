-- The events publisher's outbox. The event store holds the events themselves; a row here says which of
-- them a transaction stored and Kafka has not yet acknowledged. It is written in the transaction that
-- stores the events and deleted once every one of them is on the events topic, so a row that outlives
-- its publisher (a crash between commit and publish) tells the next owner exactly what to publish again.
CREATE TABLE event_outbox (
    id            UUID        PRIMARY KEY,
    -- The commands topic partitions whose commands stored these events ('{}' for the REST routes): the
    -- consumer that is assigned one of them publishes the row again before it decides anything new.
    partitions    INTEGER[]   NOT NULL,
    -- One element per aggregate: its identifier and the first and last sequence numbers stored.
    aggregate_ids TEXT[]      NOT NULL,
    first_seqs    BIGINT[]    NOT NULL,
    last_seqs     BIGINT[]    NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX event_outbox_by_age ON event_outbox (created_at);
