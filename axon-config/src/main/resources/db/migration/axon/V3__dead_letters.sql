-- Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue): events a processing group could not handle,
-- parked per sequence (an aggregate for the read models, a saga for the order saga) until an admin retries or evicts
-- them. BYTEA payloads and Axon's own timestamp strings, as in the other Axon tables.
CREATE TABLE dead_letter_entry (
    dead_letter_identifier  VARCHAR(255)  NOT NULL,
    processing_group        VARCHAR(255)  NOT NULL,
    sequence_identifier     VARCHAR(255)  NOT NULL,
    sequence_index          BIGINT        NOT NULL,
    message_type            VARCHAR(255)  NOT NULL,
    event_identifier        VARCHAR(255)  NOT NULL,
    time_stamp              VARCHAR(255)  NOT NULL,
    payload_type            VARCHAR(255)  NOT NULL,
    payload_revision        VARCHAR(255),
    payload                 BYTEA         NOT NULL,
    meta_data               BYTEA,
    aggregate_type          VARCHAR(255),
    aggregate_identifier    VARCHAR(255),
    sequence_number         BIGINT,
    token_type              VARCHAR(255),
    token                   BYTEA,
    enqueued_at             VARCHAR(255)  NOT NULL,
    last_touched            VARCHAR(255),
    processing_started      VARCHAR(255),
    cause_type              VARCHAR(255),
    cause_message           TEXT,
    diagnostics             BYTEA,
    PRIMARY KEY (dead_letter_identifier),
    UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence ON dead_letter_entry (processing_group, sequence_identifier);
