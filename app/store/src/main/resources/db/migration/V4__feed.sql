-- Catalog feed from HQ (issue 6): the cursor, HQ's last word per product, and scheduled prices.
-- The cursor is written in the same transaction as the page it covers (invariant 6).

CREATE TABLE feed_state (
    id           INT           PRIMARY KEY,
    cursor       VARCHAR(64)   NOT NULL,
    complete     BOOLEAN       NOT NULL,        -- the first full pass (bootstrap) has ended
    applied      BIGINT        NOT NULL,        -- changes applied so far
    remaining    BIGINT        NOT NULL,        -- HQ's estimate after the last page
    baseline_active BIGINT     NOT NULL,        -- active products when last caught up (mass-deactivation guard)
    updated_at   TIMESTAMP WITH TIME ZONE
);

-- HQ's state of each product as last received (the product table is derived from it plus the
-- price effective now). next_price_at: when a scheduled price takes over.
CREATE TABLE feed_product (
    sku            VARCHAR(32)   PRIMARY KEY,
    data           CHARACTER LARGE OBJECT NOT NULL,
    price_version  BIGINT,
    next_price_at  TIMESTAMP WITH TIME ZONE,
    pending        BOOLEAN       NOT NULL        -- waits for its tax rate
);
CREATE INDEX feed_product_next_price ON feed_product(next_price_at);
CREATE INDEX feed_product_pending ON feed_product(pending);

CREATE TABLE feed_price (
    sku             VARCHAR(32)   NOT NULL,
    effective_from  TIMESTAMP WITH TIME ZONE NOT NULL,
    price           DECIMAL(19,4) NOT NULL,
    version         BIGINT        NOT NULL,
    PRIMARY KEY (sku, effective_from)
);
