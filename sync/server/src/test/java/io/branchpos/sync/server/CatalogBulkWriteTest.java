package io.branchpos.sync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.branchpos.sync.server.catalog.CatalogChanges.PriceRow;
import io.branchpos.sync.server.catalog.CatalogChanges.ProductRow;
import io.branchpos.sync.server.catalog.CatalogService;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bulk catalog writes (decision 0255) leave HQ's tables and the feed exactly as the same
 * writes made one by one would.
 */
class CatalogBulkWriteTest {
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static TestServer oneByOne;
    private static TestServer bulk;

    @BeforeAll
    static void start() throws Exception {
        oneByOne = TestServer.fresh();
        bulk = TestServer.fresh();
        for (TestServer hq : List.of(oneByOne, bulk)) {
            new CatalogService(hq.dataSource).write("test", c -> {
                c.upsertTax("STD", new BigDecimal("19"), "standard");
                // an existing product that will lose its barcode to an imported one
                c.upsertProduct(new ProductRow("OLD", "Old", "Misc", "STD", "PIECE", "EUR", true, false, List.of("4000000000999")));
                return null;
            });
        }
    }

    @AfterAll
    static void stop() {
        oneByOne.close();
        bulk.close();
    }

    static List<ProductRow> products() {
        List<ProductRow> rows = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            rows.add(new ProductRow("P" + i, "Product " + i, "Cat", "STD", i % 3 == 0 ? "KILOGRAM" : "PIECE", "eur", i != 5,
                    i == 7, List.of(String.format("40000000%05d", i))));
        }
        // the same SKU again (its last row wins), a barcode taken from OLD, one taken from P2
        rows.add(new ProductRow("P3", "Product 3 renamed", "Cat", "STD", "PIECE", "EUR", true, false, List.of("4000000000003")));
        rows.add(new ProductRow("P13", "Takes OLD's code", "Cat", "STD", "PIECE", "EUR", true, false, List.of("4000000000999")));
        rows.add(new ProductRow("P14", "Takes P2's code", "Cat", "STD", "PIECE", "EUR", true, false,
                List.of("4000000000002", "4000000000140")));
        return rows;
    }

    static List<PriceRow> prices() {
        List<PriceRow> rows = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            rows.add(new PriceRow("P" + i, new BigDecimal(i + ".99"), FROM));
        }
        rows.add(new PriceRow("P1", new BigDecimal("0.49"), FROM.plusSeconds(86_400)));
        rows.add(new PriceRow("P2", new BigDecimal("2.49"), FROM)); // replaces P2's price from FROM
        return rows;
    }

    @Test
    void bulkProductsAndPricesLeaveTheSameCatalogAndFeedAsOneByOne() throws Exception {
        List<Long> single = new CatalogService(oneByOne.dataSource).write("test", c -> {
            List<Long> versions = new ArrayList<>();
            for (ProductRow p : products()) {
                c.upsertProduct(p);
            }
            for (PriceRow p : prices()) {
                versions.add(c.setPrice(p.sku(), p.price(), p.effectiveFrom()));
            }
            return versions;
        });
        List<Long> many = new CatalogService(bulk.dataSource).write("test", c -> {
            c.upsertProducts(products());
            return c.setPrices(prices());
        });
        assertEquals(single.size(), many.size());
        assertEquals(many.get(1), many.get(many.size() - 1), "P2's two prices from the same instant are one version");

        for (String sql : List.of(
                "select sku, name, category, tax_code, unit, currency, active, serialized from catalog_product order by sku",
                "select code, sku from catalog_barcode order by code",
                "select sku, price, effective_from from catalog_price order by sku, effective_from")) {
            assertEquals(oneByOne.rows(sql), bulk.rows(sql), sql);
        }
        // the feed's last word on every entity (what a terminal ends up with) is the same
        String last = "select kind, entity_key, data::jsonb - 'version' from feed_change f where change_id = "
                + "(select max(change_id) from feed_change g where g.kind = f.kind and g.entity_key = f.entity_key) order by kind, entity_key";
        assertEquals(oneByOne.rows(last), bulk.rows(last));
        assertEquals(1L, bulk.count("select count(*) from feed_change where kind = 'PRODUCT' and entity_key = 'OLD' "
                + "and data::jsonb -> 'barcodes' = '[]'::jsonb"), "OLD re-sent without the barcode it lost");
    }

    @Test
    void aBulkPriceForAnUnknownSkuIsRefusedAndNothingOfItIsWritten() {
        long before = bulk.count("select count(*) from catalog_price");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CatalogService(bulk.dataSource)
                .write("test", c -> c.setPrices(List.of(new PriceRow("P1", BigDecimal.ONE, FROM.plusSeconds(5)),
                        new PriceRow("NOPE", BigDecimal.ONE, FROM)))));
        assertEquals("no product with SKU NOPE", e.getMessage());
        assertEquals(before, bulk.count("select count(*) from catalog_price"));
    }
}
