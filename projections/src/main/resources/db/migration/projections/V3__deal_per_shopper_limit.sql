-- A deal's per-shopper limit (null: none), shown in its detail. Filled from TimeDealCreatedEvent; a replay refills it.
ALTER TABLE deal_listing_deal ADD COLUMN max_per_shopper INTEGER;
