package io.branchpos.store.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal that received the feed before V16 (HQ's product state in {@code feed_product}) keeps every
 * product, its HQ text, price version, scheduled price and pending state after V16 moved them into
 * {@code product}, {@code feed_pending} and {@code feed_next_price} (decision 0264), and goes on applying the feed.
 */
class FeedProductUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void aV15TerminalKeepsItsFeedProductsPendingOnesAndScheduledPricesAcrossV16() throws Exception {
        List<String> before = asAV15StoreWithFeedProducts();
        assertThat(before).hasSize(3);
        try (LocalStore store = TestStores.open(dir)) {
            assertThat(FeedSnapshotLoadTest.dump(store,
                    "SELECT sku, data, price_version, next_price_at, pending FROM feed_product ORDER BY sku"))
                    .as("the same rows through the compatibility view").isEqualTo(before);
            assertThat(FeedSnapshotLoadTest.dump(store, "SELECT sku FROM feed_pending ORDER BY sku")).containsExactly("N1", "P1");
            assertThat(FeedSnapshotLoadTest.dump(store, "SELECT sku FROM feed_next_price")).containsExactly("A1");
            assertThat(FeedSnapshotLoadTest.dump(store, "SELECT sku, feed_data IS NULL, price_version FROM product ORDER BY sku"))
                    .containsExactly("A1 | FALSE | 3", "L1 | TRUE | null", "P1 | FALSE | 5");
            FeedStore feed = new FeedStore(store);
            assertThat(feed.priceVersion("A1")).contains(3L);
            assertThat(feed.priceVersion("P1")).contains(5L);
            assertThat(feed.priceVersion("L1")).isEmpty();
            assertThat(feed.wantsSnapshot()).isFalse();
            // the scheduled price is due (2000 is past): it takes over from the stored state
            assertThat(feed.applyDuePrices()).isEqualTo(1);
            CatalogRepository catalog = new CatalogRepository(store);
            assertThat(catalog.findBySku("A1").orElseThrow().price().amount()).isEqualByComparingTo("2.50");
            assertThat(feed.priceVersion("A1")).contains(4L);
            assertThat(FeedSnapshotLoadTest.dump(store, "SELECT sku FROM feed_next_price")).isEmpty();
            // the missing tax rate arrives: both waiting products get (or update) their till rows from their newest text
            feed.apply("7.1", List.of(new FeedEntry("TAX", "NEW", false, "{\"code\":\"NEW\",\"percent\":\"7\",\"name\":\"new\"}")),
                    "7.2", false, 0);
            assertThat(catalog.findBySku("P1").orElseThrow().name()).isEqualTo("Pending renamed");
            assertThat(catalog.findBySku("N1").orElseThrow().name()).isEqualTo("New pending");
            assertThat(FeedSnapshotLoadTest.dump(store, "SELECT sku FROM feed_pending")).isEmpty();
            assertThat(FeedSnapshotLoadTest.dump(store, "SELECT sku, pending FROM feed_product ORDER BY sku"))
                    .containsExactly("A1 | FALSE", "N1 | FALSE", "P1 | FALSE");
            assertThat(catalog.findBySku("L1")).as("a local product is left alone").isPresent();
        }
    }

    /** What V15 left after the feed: feed_product beside product, as FeedStore wrote them then; returns feed_product's rows. */
    private List<String> asAV15StoreWithFeedProducts() throws Exception {
        Clock clock = Clock.systemUTC();
        String url = new StoreConfig(dir, "T-001", clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC).jdbcUrl();
        Flyway.configure().dataSource(url, "branchpos", "").locations("classpath:db/migration").target("15").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "branchpos", ""); var st = c.createStatement()) {
            st.execute("INSERT INTO tax_rate(code, percent, name) VALUES ('STD', 19, 'standard')");
            st.execute("INSERT INTO product(sku, name, name_norm, category, tax_code, unit, price, currency, active, serialized)"
                    + " VALUES ('A1', 'Apple', 'apple', 'Food', 'STD', 'PIECE', 1.00, 'EUR', TRUE, FALSE),"
                    + " ('P1', 'Pending old', 'pending old', 'Food', 'STD', 'PIECE', 3.00, 'EUR', TRUE, FALSE),"
                    + " ('L1', 'Local', 'local', 'Food', 'STD', 'PIECE', 4.00, 'EUR', TRUE, FALSE)");
            st.execute("INSERT INTO barcode(code, sku) VALUES ('4001', 'A1'), ('4002', 'P1')");
            st.execute("INSERT INTO feed_price(sku, effective_from, price, version) VALUES"
                    + " ('A1', TIMESTAMP WITH TIME ZONE '1999-01-01 00:00:00+00', 1.00, 3),"
                    + " ('A1', TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00', 2.50, 4),"
                    + " ('P1', TIMESTAMP WITH TIME ZONE '1999-01-01 00:00:00+00', 3.00, 5),"
                    + " ('N1', TIMESTAMP WITH TIME ZONE '1999-01-01 00:00:00+00', 6.00, 6)");
            // A1 fed with a price scheduled for 2000 (when the store was written it was 1999 there);
            // P1 fed, then its tax code changed to one the terminal does not know (its till row stays);
            // N1 came with the unknown code (no till row); L1 is a local product
            st.execute("INSERT INTO feed_product(sku, data, price_version, next_price_at, pending) VALUES"
                    + " ('A1', '" + product("A1", "Apple", "STD", "4001") + "', 3, TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00', FALSE),"
                    + " ('P1', '" + product("P1", "Pending renamed", "NEW", "4002") + "', 5, NULL, TRUE),"
                    + " ('N1', '" + product("N1", "New pending", "NEW", "4003") + "', NULL, NULL, TRUE)");
            st.execute("INSERT INTO feed_state(id, cursor, complete, applied, remaining, baseline_active) VALUES (1, '7.1', TRUE, 9, 0, 3)");
            List<String> rows = new java.util.ArrayList<>();
            try (var rs = st.executeQuery("SELECT sku, data, price_version, next_price_at, pending FROM feed_product ORDER BY sku")) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 5; i++) {
                        row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }

    private static String product(String sku, String name, String tax, String code) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"category\":\"Food\",\"taxCode\":\"" + tax
                + "\",\"unit\":\"PIECE\",\"currency\":\"EUR\",\"active\":true,\"serialized\":false,\"barcodes\":[\"" + code + "\"]}";
    }
}
