-- Which deals each product has, kept by the product-deals policy from the deals' creation events, so that a product's
-- status change reaches its deals. Rebuilt by replaying that processing group.
CREATE TABLE product_deal (
    product_id    BIGINT NOT NULL,
    time_deal_id  BIGINT NOT NULL,
    PRIMARY KEY (product_id, time_deal_id)
);
