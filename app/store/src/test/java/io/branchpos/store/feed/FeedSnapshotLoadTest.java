package io.branchpos.store.feed;

import static io.branchpos.store.feed.FeedStoreTest.price;
import static io.branchpos.store.feed.FeedStoreTest.product;
import static io.branchpos.store.feed.FeedStoreTest.tax;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FeedStore#loadSnapshot} on a real H2 store (decisions 0258, 0259); over HTTP: FeedSnapshotEndToEndTest. */
class FeedSnapshotLoadTest {
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    static List<FeedEntry> snapshot(int products, String namePrefix) {
        List<FeedEntry> rows = new ArrayList<>();
        rows.add(tax("STD", "19"));
        for (int i = 0; i < products; i++) {
            rows.add(product("S" + i, namePrefix + " " + i, true, false, "29" + i));
            rows.add(price("S" + i, "1." + (10 + i % 90), FROM, i + 1));
        }
        return rows;
    }

    /** Yields {@code rows}, then fails as a dropped connection would. */
    static Iterator<FeedEntry> cutAfter(List<FeedEntry> rows, int n) {
        Iterator<FeedEntry> it = rows.subList(0, n).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!it.hasNext()) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("connection reset"));
                }
                return true;
            }

            @Override
            public FeedEntry next() {
                hasNext();
                return it.next();
            }
        };
    }

    @Test
    void aSnapshotFillsAnEmptyTerminalAndLeavesItAtTheSnapshotsPositionNotYetComplete() {
        try (LocalStore store = TestStores.open(dir)) {
            FeedStore feed = new FeedStore(store);
            assertThat(feed.wantsSnapshot()).isTrue();
            assertThat(feed.loadSnapshot("77.5", snapshot(50, "Tea").iterator())).isEqualTo(101);
            assertThat(feed.state().cursor()).isEqualTo("77.5");
            assertThat(feed.state().complete()).as("complete only once the feed after it says so").isFalse();
            assertThat(feed.wantsSnapshot()).isFalse();
            CatalogRepository catalog = new CatalogRepository(store);
            assertThat(catalog.countProducts()).isEqualTo(50);
            assertThat(catalog.findByBarcode("297").orElseThrow().price().amount()).isEqualByComparingTo("1.17");
            assertThat(feed.priceVersion("S7")).contains(8L);
            assertThat(catalog.search("tea 7", 5)).extracting(p -> p.sku().value()).contains("S7");
            feed.apply("77.5", List.of(), "77.5", false, 0);
            assertThat(feed.state().complete()).isTrue();
        }
    }

    @Test
    void aTerminalWithACatalogIsNotOverwrittenByASnapshot() {
        try (LocalStore store = TestStores.open(dir)) {
            FeedStore feed = new FeedStore(store);
            feed.apply("0", List.of(tax("STD", "19"), product("A1", "Milk", true, false, "4000"), price("A1", "1.19", FROM, 1)),
                    "1.3", false, 0);
            assertThat(feed.wantsSnapshot()).isFalse();
            assertThatThrownBy(() -> feed.loadSnapshot("9.9", snapshot(3, "Tea").iterator()))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(feed.state().cursor()).isEqualTo("1.3");
            assertThat(new CatalogRepository(store).findByBarcode("4000")).isPresent();
            assertThat(new CatalogRepository(store).countProducts()).isEqualTo(1);
        }
    }

    @Test
    void aLoadCutOffMidwayIsNotCompleteAndTheNextLoadStartsFromEmptyTables() {
        try (LocalStore store = TestStores.open(dir)) {
            FeedStore feed = new FeedStore(store).snapshotCommitEvery(10);
            List<FeedEntry> first = snapshot(40, "Old");
            assertThatThrownBy(() -> feed.loadSnapshot("5.5", cutAfter(first, 61))).hasMessageContaining("connection reset");
            assertThat(feed.state().cursor()).isEqualTo("0");
            assertThat(feed.state().complete()).isFalse();
            assertThat(feed.wantsSnapshot()).isTrue();
            long leftover = store.jdbc(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM feed_price")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(leftover).as("part of the cut-off load was committed").isPositive();
        }
        try (LocalStore store = TestStores.open(dir)) {   // after a restart
            FeedStore feed = new FeedStore(store);
            assertThat(feed.wantsSnapshot()).isTrue();
            feed.loadSnapshot("6.6", snapshot(10, "New").iterator());
            CatalogRepository catalog = new CatalogRepository(store);
            assertThat(catalog.countProducts()).isEqualTo(10);
            long prices = store.jdbc(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM feed_price")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(prices).as("nothing left of the cut-off load (its prices had the same keys)").isEqualTo(10);
            assertThat(feed.state().cursor()).isEqualTo("6.6");
        }
    }

    @Test
    void aBarcodeClaimedByTwoProductsBelongsToTheLaterOneAsInThePages() {
        try (LocalStore store = TestStores.open(dir)) {
            FeedStore feed = new FeedStore(store);
            feed.loadSnapshot("3.3", List.of(tax("STD", "19"), product("A1", "Old owner", true, false, "4000", "4001"),
                    price("A1", "1.00", FROM, 1), product("B2", "New owner", true, false, "4000"), price("B2", "2.00", FROM, 2))
                    .iterator());
            CatalogRepository catalog = new CatalogRepository(store);
            assertThat(catalog.findByBarcode("4000").orElseThrow().sku().value()).isEqualTo("B2");
            assertThat(catalog.findByBarcode("4001").orElseThrow().sku().value()).isEqualTo("A1");
        }
    }

    @Test
    void aSnapshotInAnyOrderLeavesTheSameTablesAsTheSameChangesAppliedAsAPage() {
        // prices before and after their product, a later and a future price, a code claimed A, B, A again,
        // a code listed twice by one product, a price of a product the snapshot does not hold, a product
        // whose tax rate is unknown (waits for it)
        Instant later = FROM.plusSeconds(86_400);
        Instant future = Instant.parse("2999-01-01T00:00:00Z");
        FeedEntry pending = new FeedEntry("PRODUCT", "P9", false, "{\"sku\":\"P9\",\"name\":\"No tax yet\",\"category\":\"Food\","
                + "\"taxCode\":\"NEW\",\"unit\":\"PIECE\",\"currency\":\"EUR\",\"active\":true,\"serialized\":false,\"barcodes\":[\"9009\"]}");
        List<FeedEntry> changes = List.of(tax("STD", "19"), price("A1", "1.00", FROM, 1), product("A1", "First", true, false, "5000", "5001"),
                product("B2", "Second", true, false, "5000", "5002", "5002"), price("B2", "2.00", FROM, 2),
                price("A1", "1.50", later, 3), price("B2", "9.99", future, 4), price("Z0", "3.00", FROM, 5), pending,
                product("C3", "Third", false, false, "5003"), price("C3", "0.50", FROM, 6),
                product("A1", "First renamed", true, false, "5000", "5001"));
        Path pagesDir = dir.resolve("pages");
        Path snapDir = dir.resolve("snapshot");
        try (LocalStore pages = TestStores.open(pagesDir); LocalStore snap = TestStores.open(snapDir)) {
            FeedStore pageFeed = new FeedStore(pages);
            for (int i = 0; i < changes.size(); i++) { // one page per change: feed order decides, as for a snapshot
                pageFeed.apply(i == 0 ? "0" : "1." + i, List.of(changes.get(i)), i == changes.size() - 1 ? "9.9" : "1." + (i + 1), true, 0);
            }
            new FeedStore(snap).snapshotCommitEvery(2).loadSnapshot("9.9", changes.iterator());
            for (String table : List.of("SELECT sku, name, tax_code, price, active FROM product ORDER BY sku",
                    "SELECT code, sku FROM barcode ORDER BY code",
                    "SELECT sku, data, price_version, next_price_at, pending FROM feed_product ORDER BY sku",
                    "SELECT sku, effective_from, price, version FROM feed_price ORDER BY sku, effective_from")) {
                assertThat(dump(snap, table)).as(table).isEqualTo(dump(pages, table)).isNotEmpty();
            }
            CatalogRepository catalog = new CatalogRepository(snap);
            assertThat(catalog.findByBarcode("5000").orElseThrow().sku().value()).isEqualTo("A1");
            assertThat(catalog.findByBarcode("5002").orElseThrow().sku().value()).isEqualTo("B2");
            assertThat(catalog.findBySku("A1").orElseThrow().price().amount()).isEqualByComparingTo("1.50");
            assertThat(catalog.findBySku("P9")).isEmpty();
        }
    }

    @Test
    void everyCodeClaimedOnceBelongsToItsProductAndACodeClaimedAgainToTheLatestClaimant() {
        FeedStore.CodeClaims claims = new FeedStore.CodeClaims();
        for (int i = 0; i < 300_000; i++) {
            claims.claim("20" + i, "S" + i);
        }
        claims.claim("2017", "S99");
        claims.claim("2018", "S99");
        claims.claim("2018", "S18");
        for (int i = 0; i < 300_000; i++) {
            String owner = i == 17 ? "S99" : "S" + i;
            assertThat(claims.owns("20" + i, owner)).as("20" + i).isTrue();
        }
        assertThat(claims.owns("2017", "S17")).isFalse();
        assertThat(claims.owns("2018", "S99")).isFalse();
    }

    static List<String> dump(LocalStore store, String sql) {
        return store.jdbc(c -> {
            List<String> out = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    out.add(row.toString());
                }
            }
            return out;
        });
    }
}
