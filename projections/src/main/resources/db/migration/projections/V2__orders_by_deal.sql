-- An admin lists a deal's orders, oldest first, optionally by status.
CREATE INDEX order_history_by_deal ON order_history (time_deal_id, created_at, order_id);
