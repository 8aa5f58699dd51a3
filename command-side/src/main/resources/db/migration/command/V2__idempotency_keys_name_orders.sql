-- An Idempotency-Key now names its order and nothing more: a retry answers from the order's own events, which hold
-- the true outcome whatever happened to the first request. The stored first answers are no longer read.
ALTER TABLE order_request DROP COLUMN response_status;
ALTER TABLE order_request DROP COLUMN response_body;
ALTER TABLE order_request DROP COLUMN response_location;
CREATE INDEX order_request_created_at ON order_request (created_at);
