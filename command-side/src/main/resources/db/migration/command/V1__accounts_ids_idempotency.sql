-- Shoppers and administrators. Accounts are not part of the event-sourced domain: they are looked up by e-mail
-- at every log-in and need a uniqueness check no event stream can give.
CREATE TABLE user_account (
    id             BIGSERIAL    PRIMARY KEY,
    email          VARCHAR(255) NOT NULL,
    password_hash  VARCHAR(100) NOT NULL,
    name           VARCHAR(100) NOT NULL,
    phone          VARCHAR(20),
    role           VARCHAR(10)  NOT NULL CHECK (role IN ('user', 'admin')),
    status         VARCHAR(10)  NOT NULL CHECK (status IN ('active', 'inactive', 'banned')),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX user_account_email_unique ON user_account (lower(email));

-- Products and deals are numbered 1, 2, 3... as the contract's URLs show; the numbers come from here.
CREATE SEQUENCE product_id_seq;
CREATE SEQUENCE time_deal_id_seq;

-- The first answer to each (user, Idempotency-Key) of POST /orders, replayed to retries.
CREATE TABLE order_request (
    user_id          BIGINT       NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    order_id         VARCHAR(64)  NOT NULL,
    time_deal_id     BIGINT       NOT NULL,
    quantity         INTEGER      NOT NULL,
    response_status  INTEGER,
    response_body    TEXT,
    response_location VARCHAR(255),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);
