-- The publication audit's checkpoint: every stored event up to this global index has been seen on the
-- events topic (or published again by the audit). One row; the node that audits locks it, so two nodes
-- never audit the same range at once. NULL until the first audit chooses where to start.
CREATE TABLE event_publication_audit (
    id               SMALLINT    PRIMARY KEY CHECK (id = 1),
    verified_through BIGINT,
    verified_at      TIMESTAMPTZ
);

INSERT INTO event_publication_audit (id) VALUES (1);
