-- HQ's product state is a few hundred bytes of JSON: keep it in the row instead of H2's LOB
-- storage, which made every bootstrap write a separate LOB entry per product (decision 0254).
ALTER TABLE feed_product ALTER COLUMN data SET DATA TYPE CHARACTER VARYING(1000000);

-- Read only when a tax rate arrives (rare, a scan is fine); kept up to date on every product write.
DROP INDEX feed_product_pending;
