-- Stock from HQ's feed (issue 7): the products' cost price (stock valuation at cost), kept beside
-- the derived product row so a product re-apply never loses it. Purchase orders and incoming
-- transfers from the feed use expected_delivery (V3); stock baselines are BASELINE movements.

CREATE TABLE product_cost (
    sku   VARCHAR(32)   PRIMARY KEY,
    cost  DECIMAL(19,4) NOT NULL
);

-- where an announced delivery came from: FEED (HQ) or LOCAL (demo data, typed at the till)
ALTER TABLE expected_delivery ADD COLUMN origin VARCHAR(8) DEFAULT 'LOCAL' NOT NULL;
