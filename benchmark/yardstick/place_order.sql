-- The original design's order placement, one transaction, one statement per round trip (as the Go service sent
-- them): lock the deal row, check it, insert the order as pending with its CREATED event, hold the stock with its
-- STOCK_RESERVED event, mark the order reserved, commit. Run by pgbench (see benchmark/run.sh):
--   pgbench -n -M prepared -c N -j 2 -T 30 -f place_order.sql yardstick
-- Isolation comes from the session default: READ COMMITTED, or SERIALIZABLE with
--   PGOPTIONS='-c default_transaction_isolation=serializable' and --max-tries for the retries.
\set deal_id 1
\set user_id random(1, 1000)
\set qty 1
BEGIN;
SELECT deal_price,
       (status = 'active' AND start_at <= now() AND end_at > now())::int AS deal_active,
       (stock_quantity - reserved_quantity - sold_quantity >= :qty::int)::int AS enough_stock
FROM time_deals WHERE id = :deal_id FOR UPDATE
\gset
\if :deal_active = 1 AND :enough_stock = 1
INSERT INTO orders (user_id, time_deal_id, quantity, unit_price, total_price, status)
VALUES (:user_id, :deal_id, :qty, :deal_price, :deal_price::bigint * :qty::int, 'pending')
RETURNING id AS order_id
\gset
INSERT INTO order_events (order_id, event_type, payload, actor_id, actor_type)
VALUES (:order_id, 'CREATED',
        jsonb_build_object('time_deal_id', :deal_id::bigint, 'quantity', :qty::int, 'unit_price', :deal_price::bigint,
                           'total_price', :deal_price::bigint * :qty::int),
        :user_id, 'user');
UPDATE time_deals SET reserved_quantity = reserved_quantity + :qty, updated_at = now()
WHERE id = :deal_id;
INSERT INTO order_events (order_id, event_type, payload, actor_id, actor_type)
VALUES (:order_id, 'STOCK_RESERVED', jsonb_build_object('quantity', :qty::int), :user_id, 'user');
UPDATE orders SET status = 'reserved', reserved_at = now(), updated_at = now()
WHERE id = :order_id;
COMMIT;
\else
ROLLBACK;
\endif
