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
}
