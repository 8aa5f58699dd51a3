-- Bucket4j's token buckets, shared by every node on this database: one row per (limit, client address or account),
-- keyed by a 64-bit hash of both. The state is Bucket4j's own serialized form; expires_at (epoch millis) is when the
-- bucket would be full again, after which the row carries no information and the periodic clean-up deletes it.
-- UNLOGGED: a bucket's update writes no WAL, so its commit waits for no disk flush (a rate-limit check on the order
-- path costs a round trip, not an fsync). After a database crash, or on a promoted replica, the table starts empty:
-- every client gets a full bucket, which is the safe way for a rate limit to forget.
CREATE UNLOGGED TABLE rate_limit_bucket (
    id          BIGINT PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT,
    -- the bucket's advisory lock id, which the clean-up takes before deleting the row
    explicit_lock BIGINT
);
CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
