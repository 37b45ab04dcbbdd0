-- Completing a sale writes one page of every index it touches (H2 copies changed pages into a
-- new chunk per commit, decision 0008). sale_line_sku(sku) duplicated the leading column of
-- sale_line_serial(sku, serial), which serves every "WHERE sku = ?" as well, so it goes.
DROP INDEX sale_line_sku;
