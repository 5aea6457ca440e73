-- How the admin API (query side) and the projections nodes talk about read models without a direct call:
-- nodes report each processor segment's state here every few seconds, and an admin's replay request waits
-- here until the nodes have stopped that processor, one of them has reset its tokens, and the replay has
-- caught up with the live stream.

-- One row per processor segment, written by the node that processes it. A row older than a few report
-- intervals means no node is processing that segment.
CREATE TABLE projection_status (
    name        VARCHAR(255) NOT NULL,
    segment     INTEGER      NOT NULL,
    node_id     VARCHAR(255) NOT NULL,
    replaying   BOOLEAN      NOT NULL,
    error       VARCHAR(1023),
    -- Records handled so far (the sum over the topic's partitions), and how many are on the topic beyond them.
    position    BIGINT       NOT NULL,
    lag         BIGINT       NOT NULL,
    -- During a replay: the share of the history up to the reset already handled again (0..1).
    progress    DOUBLE PRECISION,
    updated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (name, segment)
);

-- The latest replay of each read model: requested (nodes stop the processor, one resets it), replaying
-- (started from the beginning of the topic), done (it has handled again every record that was on the
-- topic when it was reset: target_position).
CREATE TABLE projection_replays (
    name             VARCHAR(255) PRIMARY KEY,
    state            VARCHAR(32)  NOT NULL,
    requested_at     TIMESTAMPTZ  NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    target_position  BIGINT
);
