-- Who blocked whom, as the command side decides with it: written in the transaction that stores the
-- UserBlocked or UserUnblocked event, so a conversation's next decision sees the block. The event store
-- keeps the history; this is the state of now.
CREATE TABLE user_blocks (
    blocker    VARCHAR(64) NOT NULL,
    blocked    VARCHAR(64) NOT NULL,
    blocked_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker, blocked)
);
-- "Who blocked this user": the other direction, for a group's adder.
CREATE INDEX user_blocks_by_blocked ON user_blocks (blocked, blocker);
