-- Before each yardstick run: no orders, the deal's counters at zero, so that every run starts alike
-- (the system under test likewise gets a fresh deal per simulation).
TRUNCATE order_events, orders RESTART IDENTITY;
UPDATE time_deals SET reserved_quantity = 0, sold_quantity = 0, status = 'active',
                      start_at = now() - interval '1 hour', end_at = now() + interval '1 day', updated_at = now()
WHERE id = 1;
VACUUM ANALYZE time_deals, orders, order_events;
