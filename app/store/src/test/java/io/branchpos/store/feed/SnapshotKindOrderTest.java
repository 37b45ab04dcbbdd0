package io.branchpos.store.feed;

import static io.branchpos.store.feed.FeedStoreTest.price;
import static io.branchpos.store.feed.FeedStoreTest.product;
import static io.branchpos.store.feed.FeedStoreTest.tax;
import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ sends a snapshot's catalog kinds first (tax rates, prices, products) so that each product is
 * written as it arrives (decision 0262); a snapshot in feed order (an older HQ: a product before its
 * price, a tax rate after products that use it) must leave exactly the same tables.
 */
class SnapshotKindOrderTest {
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant LATER = Instant.parse("2099-01-01T00:00:00Z");

    @TempDir
    Path dir;

    /** Feed order: products before their prices, a reduced tax rate after the product that uses it. */
    static List<FeedEntry> feedOrder() {
        List<FeedEntry> rows = new ArrayList<>();
        rows.add(tax("STD", "19"));
        rows.add(product("A1", "Old owner", true, false, "4000", "4001"));
        rows.add(price("A1", "1.00", FROM, 1));
        rows.add(new FeedEntry("PRODUCT", "C3", false, "{\"sku\":\"C3\",\"name\":\"Reduced bread\",\"category\":\"Bakery\","
                + "\"taxCode\":\"RED\",\"unit\":\"PIECE\",\"currency\":\"EUR\",\"active\":true,\"serialized\":false,"
                + "\"barcodes\":[\"4003\"],\"cost\":\"0.40\"}"));
        rows.add(price("C3", "0.99", FROM, 3));
        rows.add(new FeedEntry("PRODUCT", "P9", false, "{\"sku\":\"P9\",\"name\":\"No tax yet\",\"category\":\"Food\","
                + "\"taxCode\":\"NONE\",\"unit\":\"PIECE\",\"currency\":\"EUR\",\"active\":true,\"serialized\":false,"
                + "\"barcodes\":[\"4001\"]}"));
        rows.add(product("B2", "New owner", true, false, "4000"));
        rows.add(price("B2", "2.00", FROM, 2));
        rows.add(product("D4", "Sold out", false, false, "4004"));
        rows.add(price("D4", "4.00", FROM, 4));
        rows.add(product("E5", "Priced later too", true, false, "4005"));
        rows.add(price("E5", "5.00", FROM, 5));
        rows.add(price("E5", "5.50", LATER, 6));
        rows.add(product("G7", "Never priced", true, false, "4007"));
        rows.add(tax("RED", "7"));
        rows.add(price("A1", "1.10", Instant.parse("2026-02-01T00:00:00Z"), 8));
        return rows;
    }

    /** The same changes as HQ now sends them: tax rates, then prices, then products, each in feed order. */
    static List<FeedEntry> catalogFirst(List<FeedEntry> feedOrder) {
        Map<String, Integer> rank = Map.of("TAX", 0, "PRICE", 1, "PRODUCT", 2);
        List<FeedEntry> rows = new ArrayList<>(feedOrder);
        rows.sort(Comparator.comparing(e -> rank.getOrDefault(e.kind(), 3))); // stable: feed order within a kind
        return rows;
    }

    @Test
    void theCatalogFirstOrderAndTheFeedOrderLeaveTheSameTables() {
        try (LocalStore inFeedOrder = TestStores.open(dir.resolve("feed-order"));
                LocalStore kindsFirst = TestStores.open(dir.resolve("kinds-first"))) {
            new FeedStore(inFeedOrder).loadSnapshot("9.9", feedOrder().iterator());
            new FeedStore(kindsFirst).loadSnapshot("9.9", catalogFirst(feedOrder()).iterator());
            for (String table : List.of(
                    "SELECT sku, name, name_norm, category, tax_code, unit, price, currency, active, serialized FROM product ORDER BY sku",
                    "SELECT code, sku FROM barcode ORDER BY code",
                    "SELECT sku, data, price_version, next_price_at, pending FROM feed_product ORDER BY sku",
                    "SELECT sku, effective_from, price, version FROM feed_price ORDER BY sku, effective_from",
                    "SELECT code, percent, name FROM tax_rate ORDER BY code",
                    "SELECT sku, cost FROM product_cost ORDER BY sku",
                    "SELECT cursor, complete, applied, baseline_active, snapshot_loading FROM feed_state")) {
                assertThat(dump(kindsFirst, table)).as(table).isEqualTo(dump(inFeedOrder, table));
            }
            // not vacuous: each case of the data is there
            CatalogRepository catalog = new CatalogRepository(kindsFirst);
            assertThat(catalog.findByBarcode("4000").orElseThrow().sku().value()).as("the later product keeps a code").isEqualTo("B2");
            assertThat(catalog.findByBarcode("4001")).as("taken by a product that waits for its tax rate").isEmpty();
            assertThat(catalog.findBySku("A1").orElseThrow().price().amount()).isEqualByComparingTo("1.10");
            assertThat(catalog.findBySku("C3").orElseThrow().taxRate().percent()).isEqualByComparingTo("7");
            assertThat(catalog.findBySku("P9")).isEmpty();
            assertThat(catalog.findBySku("D4").orElseThrow().active()).isFalse();
            assertThat(catalog.findBySku("G7").orElseThrow().active()).isFalse();
            assertThat(dump(kindsFirst, "SELECT next_price_at IS NOT NULL FROM feed_product WHERE sku = 'E5'")).containsExactly("TRUE");
            assertThat(dump(kindsFirst, "SELECT pending FROM feed_product WHERE sku = 'P9'")).containsExactly("TRUE");
            assertThat(dump(kindsFirst, "SELECT baseline_active FROM feed_state")).containsExactly("4");
        }
    }

    @Test
    void aSnapshotCutOffAfterSomeProductsWereWrittenLeavesATillThatWantsAnotherFromEmptyTables() {
        try (LocalStore store = TestStores.open(dir)) {
            FeedStore feed = new FeedStore(store).snapshotCommitEvery(2);
            List<FeedEntry> rows = catalogFirst(FeedSnapshotLoadTest.snapshot(50, "Cut"));
            try {
                feed.loadSnapshot("3.3", FeedSnapshotLoadTest.cutAfter(rows, rows.size() - 10));
            } catch (RuntimeException expected) {
                // the connection dropped
            }
            assertThat(dump(store, "SELECT COUNT(*) > 0 FROM product")).as("some products were written").containsExactly("TRUE");
            assertThat(feed.wantsSnapshot()).isTrue();
            assertThat(feed.state().complete()).isFalse();
            feed.loadSnapshot("3.4", catalogFirst(FeedSnapshotLoadTest.snapshot(50, "Whole")).iterator());
            assertThat(new CatalogRepository(store).countProducts()).isEqualTo(50);
            assertThat(dump(store, "SELECT COUNT(*) FROM product WHERE name LIKE 'Cut%'")).containsExactly("0");
            assertThat(feed.wantsSnapshot()).isFalse();
        }
    }

    static List<String> dump(LocalStore store, String sql) {
        return store.jdbc(c -> {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        sb.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    rows.add(sb.toString());
                }
            }
            return rows;
        });
    }
}
