-- The Redis read models the projections have built, and since when. Redis holds a marker key for each
-- (RedisKeys.readModelBuilt); a read model named here whose marker Redis no longer holds was lost with
-- Redis's data (a restart without persistence, a flush), and the projections replay it.
CREATE TABLE redis_read_models (
    name     VARCHAR(255) PRIMARY KEY,
    built_at TIMESTAMPTZ  NOT NULL
);
