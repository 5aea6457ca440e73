-- Who may sign in, and the set-based check behind unique usernames: the unique constraint decides which
-- of two racing registrations wins. Password hashes live here and never in an event.
CREATE TABLE user_accounts (
    user_id       VARCHAR(64)  PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    roles         VARCHAR(100) NOT NULL DEFAULT 'user',
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
