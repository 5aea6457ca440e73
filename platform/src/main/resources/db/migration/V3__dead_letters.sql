-- Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue, default DeadLetterSchema): an event a
-- projection failed to handle waits here, with the events after it of the same conversation or user (its
-- sequence), while the projection goes on with every other sequence. Columns are the ones Axon's default
-- schema names; payloads are bytea, as in V1.
CREATE TABLE DeadLetterEntry (
    deadLetterIdentifier VARCHAR(255)  NOT NULL PRIMARY KEY,
    processingGroup      VARCHAR(255)  NOT NULL,
    sequenceIdentifier   VARCHAR(255)  NOT NULL,
    sequenceIndex        BIGINT        NOT NULL,
    messageType          VARCHAR(255)  NOT NULL,
    eventIdentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadType          VARCHAR(255)  NOT NULL,
    payloadRevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metaData             BYTEA,
    type                 VARCHAR(255),
    aggregateIdentifier  VARCHAR(255),
    sequenceNumber       BIGINT,
    tokenType            VARCHAR(255),
    token                BYTEA,
    enqueuedAt           VARCHAR(255)  NOT NULL,
    lastTouched          VARCHAR(255),
    processingStarted    VARCHAR(255),
    causeType            VARCHAR(255),
    causeMessage         VARCHAR(1023),
    diagnostics          BYTEA,
    UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);
CREATE INDEX deadLetter_processingGroup ON DeadLetterEntry (processingGroup);
CREATE INDEX deadLetter_sequence ON DeadLetterEntry (processingGroup, sequenceIdentifier);
