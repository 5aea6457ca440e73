-- Sign-in sessions and their refresh tokens. A session starts at sign-in and lives while it is used: each
-- refresh moves its end parley.auth.refresh-token-ttl ahead. Refresh tokens are random and stored only as
-- their SHA-256: a copy of this table lets nobody refresh. Every token a session was ever given stays
-- here (rotated_at set) until the session's row goes, so that a stolen, already rotated one is recognised.
CREATE TABLE sign_in_sessions (
    session_id   VARCHAR(64) PRIMARY KEY,
    user_id      VARCHAR(64) NOT NULL REFERENCES user_accounts (user_id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    -- Set by sign-out, sign-out everywhere, or the reuse of a rotated refresh token.
    ended_at     TIMESTAMPTZ
);
CREATE INDEX sign_in_sessions_live_by_user ON sign_in_sessions (user_id) WHERE ended_at IS NULL;

CREATE TABLE refresh_tokens (
    token_hash BYTEA       PRIMARY KEY,
    session_id VARCHAR(64) NOT NULL REFERENCES sign_in_sessions (session_id) ON DELETE CASCADE,
    issued_at  TIMESTAMPTZ NOT NULL,
    rotated_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);
