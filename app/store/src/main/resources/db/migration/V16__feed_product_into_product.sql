-- HQ's state of a feed product moves into its till row (decision 0264). feed_product held every feed
-- product a second time (its own row, a unique index on sku, the next_price_at index): three of the
-- H2 index entries a snapshot bootstrap writes per SKU, on top of product's own. Now product carries
-- HQ's text (feed_data, NULL for a product that did not come from the feed) and the HQ price version
-- behind its till price; when a product's next scheduled price takes over is kept only for the
-- products that have one (feed_next_price), so a bootstrap writes no index entry for the others.
ALTER TABLE product ADD COLUMN IF NOT EXISTS feed_data CHARACTER VARYING(1000000);
ALTER TABLE product ADD COLUMN IF NOT EXISTS price_version BIGINT;

CREATE TABLE IF NOT EXISTS feed_next_price (
    sku  VARCHAR(32)               PRIMARY KEY,
    at   TIMESTAMP WITH TIME ZONE  NOT NULL
);
CREATE INDEX IF NOT EXISTS feed_next_price_at ON feed_next_price(at);

-- A feed product waiting for its tax rate has no till row (or keeps its last one, unchanged): HQ's
-- newest text waits here until the rate arrives, then becomes the product's feed_data.
CREATE TABLE IF NOT EXISTS feed_pending (
    sku   VARCHAR(32)                 PRIMARY KEY,
    data  CHARACTER VARYING(1000000)  NOT NULL
);

-- existing terminals keep what they had: every feed product with a till row carries its state there
-- (a pending one with a till row keeps its price version and next price there, as feed_product did),
-- and every pending product's newest text waits in feed_pending. A feed_product row that is neither
-- pending nor has a till row cannot exist (a product is derived in the same transaction). Written to
-- run again harmlessly over its own result (feed_product is then the view below), as V15 does: a test
-- turns a store back into an older one by forgetting the later migrations (SyncMarkUpgradeTest).
UPDATE product p SET (feed_data, price_version) = (SELECT f.data, f.price_version FROM feed_product f WHERE f.sku = p.sku)
    WHERE EXISTS (SELECT 1 FROM feed_product f WHERE f.sku = p.sku);
INSERT INTO feed_pending(sku, data) SELECT sku, data FROM feed_product WHERE pending
    AND sku NOT IN (SELECT sku FROM feed_pending);
INSERT INTO feed_next_price(sku, at) SELECT sku, next_price_at FROM feed_product WHERE next_price_at IS NOT NULL
    AND sku NOT IN (SELECT sku FROM feed_next_price);

DROP TABLE IF EXISTS feed_product;

-- The old table's rows, read-only, for comparisons and diagnostics (FeedSnapshotLoadTest and
-- FeedSnapshotEndToEndTest compare a snapshot-loaded terminal with a page-loaded one through it).
-- Nothing writes here; FeedStore reads and writes product, feed_pending and feed_next_price.
CREATE OR REPLACE VIEW feed_product(sku, data, price_version, next_price_at, pending) AS
    SELECT p.sku, COALESCE(q.data, p.feed_data), p.price_version, n.at, q.sku IS NOT NULL
        FROM product p LEFT JOIN feed_pending q ON q.sku = p.sku LEFT JOIN feed_next_price n ON n.sku = p.sku
        WHERE p.feed_data IS NOT NULL OR q.sku IS NOT NULL
    UNION ALL
    SELECT q.sku, q.data, CAST(NULL AS BIGINT), n.at, TRUE
        FROM feed_pending q LEFT JOIN feed_next_price n ON n.sku = q.sku
        WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.sku = q.sku);
