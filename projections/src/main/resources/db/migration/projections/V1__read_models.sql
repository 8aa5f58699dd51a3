-- Read models of the query side. They hold nothing the event store does not: a replay empties and rebuilds them,
-- so columns are only ever derived from events, and constraints stay loose enough never to stall a processor.

-- Read model "deal listing" (processing group deal-listing): the product catalogue the deals show ...
CREATE TABLE deal_listing_product (
    product_id     BIGINT       NOT NULL PRIMARY KEY,
    name           VARCHAR(255) NOT NULL,
    description    TEXT,
    price          BIGINT       NOT NULL,
    image_url      TEXT,
    thumbnail_url  TEXT,
    category       VARCHAR(16)  NOT NULL,
    status         VARCHAR(16)  NOT NULL
);

-- ... and the deals with their stock counters; available = stock - reserved - sold is computed when read.
-- listing_group is the deal's place in the unfiltered listing (0 active, 1 scheduled, 2 the rest), kept with
-- the status so the listing is an index walk instead of a sort over every deal.
-- last_event_sequence is the deal aggregate's sequence number of the last event applied: a redelivered event
-- is not applied twice, which matters for the counters.
CREATE TABLE deal_listing_deal (
    time_deal_id         BIGINT      NOT NULL PRIMARY KEY,
    product_id           BIGINT      NOT NULL,
    original_price       BIGINT      NOT NULL,
    deal_price           BIGINT      NOT NULL,
    discount_rate        INTEGER     NOT NULL,
    stock_quantity       INTEGER     NOT NULL,
    reserved_quantity    INTEGER     NOT NULL DEFAULT 0,
    sold_quantity        INTEGER     NOT NULL DEFAULT 0,
    start_at             TIMESTAMPTZ NOT NULL,
    end_at               TIMESTAMPTZ NOT NULL,
    status               VARCHAR(16) NOT NULL,
    listing_group        SMALLINT    NOT NULL,
    last_event_sequence  BIGINT      NOT NULL
);
CREATE INDEX deal_listing_deal_listing_order ON deal_listing_deal (listing_group, start_at, time_deal_id);
CREATE INDEX deal_listing_deal_status_order ON deal_listing_deal (status, start_at, time_deal_id);

-- Read model "order history" (processing group order-history): one row per order, as the contract shows it.
CREATE TABLE order_history (
    order_id             VARCHAR(255) NOT NULL PRIMARY KEY,
    user_id              BIGINT      NOT NULL,
    time_deal_id         BIGINT      NOT NULL,
    quantity             INTEGER     NOT NULL,
    unit_price           BIGINT      NOT NULL,
    total_price          BIGINT      NOT NULL,
    status               VARCHAR(16) NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    reserved_at          TIMESTAMPTZ,
    confirmed_at         TIMESTAMPTZ,
    canceled_at          TIMESTAMPTZ,
    last_event_sequence  BIGINT      NOT NULL
);
-- A user's orders, newest first; the order id breaks ties between orders placed in the same instant.
CREATE INDEX order_history_user_newest_first ON order_history (user_id, created_at DESC, order_id DESC);
