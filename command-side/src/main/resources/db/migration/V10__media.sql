-- Each stored media object and its owner, as the command side decides with it: written in the transaction
-- that stores the MediaUploaded event. A message or an avatar may name only its owner's media, and the row
-- is what the message's MediaAttachment is resolved from (the event store keeps the history).
CREATE TABLE media_owners (
    media_id      VARCHAR(64)  PRIMARY KEY,
    owner_id      VARCHAR(64)  NOT NULL,
    content_type  VARCHAR(128) NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    width         INTEGER,
    height        INTEGER,
    object_key    VARCHAR(256) NOT NULL,
    thumbnail_key VARCHAR(256),
    uploaded_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Uploads per user and UTC day, for the daily quota: shared by every command-side node, kept across
-- restarts. Rows of past days are deleted by the command side (MediaQuota).
CREATE TABLE media_daily_usage (
    owner_id VARCHAR(64) NOT NULL,
    day      DATE        NOT NULL,
    files    INTEGER     NOT NULL,
    bytes    BIGINT      NOT NULL,
    PRIMARY KEY (owner_id, day)
);
