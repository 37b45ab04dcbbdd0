-- Two indexes on product that no query reads (decision 0260): name search is served from memory
-- (decision 0005, CatalogSearch reads every row) and nothing selects by category (reports group
-- sale lines by it, a scan). Each cost an index entry per SKU on every catalog write — in a
-- snapshot bootstrap of 200,000 SKUs two of the five secondary-index entries per SKU, one of them
-- (name_norm) written at a random place, and again when the load's transactions commit.
DROP INDEX IF EXISTS product_name_norm;
DROP INDEX IF EXISTS product_category;
