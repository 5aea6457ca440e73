-- Uploads handed a presigned PUT (POST /api/media/uploads), until they are completed or given up: what
-- completing checks the object against, and what the cleanup deletes, object included, once max-pending-age
-- has passed. requested_at is the command side's clock (a test moves it), not the database's.
CREATE TABLE media_direct_uploads (
    upload_id    VARCHAR(64)  PRIMARY KEY,
    owner_id     VARCHAR(64)  NOT NULL,
    media_id     VARCHAR(64)  NOT NULL,
    content_type VARCHAR(128) NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    object_key   VARCHAR(256) NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL,
    completed_at TIMESTAMPTZ
);

CREATE INDEX media_direct_uploads_requested_at ON media_direct_uploads (requested_at);
