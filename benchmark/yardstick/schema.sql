-- The yardstick: the original design's schema (a single Go service on one PostgreSQL), rebuilt for pgbench.
-- Only what placing an order touches, with the original's keys, checks and indexes, so that the transaction
-- pays the same index and constraint maintenance it paid there.
-- Run once per benchmark (benchmark/run.sh does): psql -v ON_ERROR_STOP=1 -d yardstick -f schema.sql

DROP TABLE IF EXISTS order_events, orders, time_deals, products, users CASCADE;

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    email         VARCHAR(255) NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    name          VARCHAR(100) NOT NULL,
    phone         VARCHAR(20),
    role          VARCHAR(20)  NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    status        VARCHAR(20)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'banned')),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE products (
    id            BIGSERIAL PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    description   TEXT,
    price         BIGINT       NOT NULL CHECK (price > 0),
    image_url     VARCHAR(500),
    thumbnail_url VARCHAR(500),
    category      VARCHAR(20)  NOT NULL CHECK (category IN ('food', 'toy', 'health', 'fashion', 'living')),
    status        VARCHAR(20)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'deleted')),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE time_deals (
    id                BIGSERIAL PRIMARY KEY,
    product_id        BIGINT      NOT NULL REFERENCES products (id),
    original_price    BIGINT      NOT NULL,
    deal_price        BIGINT      NOT NULL,
    discount_rate     INT         NOT NULL,
    stock_quantity    INT         NOT NULL CHECK (stock_quantity > 0),
    reserved_quantity INT         NOT NULL DEFAULT 0 CHECK (reserved_quantity >= 0),
    sold_quantity     INT         NOT NULL DEFAULT 0 CHECK (sold_quantity >= 0),
    start_at          TIMESTAMPTZ NOT NULL,
    end_at            TIMESTAMPTZ NOT NULL,
    status            VARCHAR(20) NOT NULL DEFAULT 'scheduled'
                      CHECK (status IN ('scheduled', 'active', 'soldout', 'ended', 'canceled')),
    version           INT         NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (deal_price > 0 AND deal_price < original_price),
    CHECK (start_at < end_at),
    CHECK (reserved_quantity + sold_quantity <= stock_quantity)
);
CREATE INDEX idx_time_deals_status_start ON time_deals (status, start_at);
CREATE INDEX idx_time_deals_product ON time_deals (product_id);

CREATE TABLE orders (
    id            BIGSERIAL PRIMARY KEY,
    user_id       BIGINT      NOT NULL REFERENCES users (id),
    time_deal_id  BIGINT      NOT NULL REFERENCES time_deals (id),
    quantity      INT         NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    unit_price    BIGINT      NOT NULL,
    total_price   BIGINT      NOT NULL,
    status        VARCHAR(20) NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'reserved', 'confirmed', 'canceled', 'failed')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    reserved_at   TIMESTAMPTZ,
    confirmed_at  TIMESTAMPTZ,
    canceled_at   TIMESTAMPTZ
);
CREATE INDEX idx_orders_user_created ON orders (user_id, created_at DESC);
CREATE INDEX idx_orders_time_deal ON orders (time_deal_id);
CREATE INDEX idx_orders_status ON orders (status);

-- Every change to an order, append-only (the auditors' stream).
CREATE TABLE order_events (
    id          BIGSERIAL PRIMARY KEY,
    order_id    BIGINT      NOT NULL REFERENCES orders (id),
    event_type  VARCHAR(30) NOT NULL CHECK (event_type IN ('CREATED', 'STOCK_RESERVED', 'STOCK_RELEASED',
                    'PAYMENT_REQUESTED', 'PAYMENT_COMPLETED', 'PAYMENT_FAILED', 'CONFIRMED', 'CANCELED', 'FAILED')),
    payload     JSONB       NOT NULL DEFAULT '{}'::jsonb,
    actor_id    BIGINT,
    actor_type  VARCHAR(20) NOT NULL CHECK (actor_type IN ('user', 'system', 'admin')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_order_events_order ON order_events (order_id, created_at);

-- 1000 shoppers, one product, and deal 1: active for a day with a stock no run can exhaust.
INSERT INTO users (email, password_hash, name)
SELECT 'shopper' || i || '@example.com', '$2a$10$yardstickyardstickyardstickyardstickyardstickyards', 'Shopper ' || i
FROM generate_series(1, 1000) AS i;

INSERT INTO products (name, description, price, category)
VALUES ('premium dog food 3kg', 'yardstick product', 45000, 'food');

INSERT INTO time_deals (product_id, original_price, deal_price, discount_rate, stock_quantity,
                        start_at, end_at, status)
VALUES (1, 45000, 29900, 34, 2000000000, now() - interval '1 hour', now() + interval '1 day', 'active');

VACUUM ANALYZE;
