package io.branchpos.store.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory barcode map (decision 0006) follows catalog changes that arrive through HQ's feed:
 * every look-up below is made with the map already built and holding the old answer.
 */
class BarcodeMapFeedTest {
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    final FeedStoreTest.MutableClock clock = new FeedStoreTest.MutableClock();

    LocalStore open() {
        return LocalStore.open(new StoreConfig(dir, "T-001", clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC));
    }

    private static String sku(java.util.Optional<Product> p) {
        return p.map(x -> x.sku().value()).orElse(null);
    }

    @Test
    void aBarcodeMovedToAnotherProductByTheFeedResolvesToTheNewProduct() {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            CatalogRepository catalog = new CatalogRepository(store);
            feed.apply("0", List.of(FeedStoreTest.tax("STD", "19"),
                    FeedStoreTest.product("100", "Milk", true, false, "4000000000001", "4000000000002"),
                    FeedStoreTest.price("100", "1.19", LONG_AGO, 1),
                    FeedStoreTest.product("200", "Bread", true, false, "4000000000003"),
                    FeedStoreTest.price("200", "2.50", LONG_AGO, 1)), "1.5", false, 0);
            catalog.warmUpBarcodes();
            assertThat(sku(catalog.findByBarcode("4000000000002"))).isEqualTo("100");
            assertThat(sku(catalog.findByBarcodeInMemory("4000000000002"))).isEqualTo("100");

            // HQ moves the second code from the milk to the bread
            feed.apply("1.5", List.of(FeedStoreTest.product("100", "Milk", true, false, "4000000000001"),
                    FeedStoreTest.product("200", "Bread", true, false, "4000000000003", "4000000000002")), "2.2", false, 0);

            assertThat(sku(catalog.findByBarcode("4000000000002"))).isEqualTo("200");
            assertThat(sku(catalog.findByBarcode("4000000000001"))).isEqualTo("100");
            assertThat(sku(catalog.findByBarcode("4000000000003"))).isEqualTo("200");
            assertThat(sku(catalog.findByBarcodeInMemory("4000000000002"))).isIn(null, "200");
        }
    }

    @Test
    void aRenameRepriceOrDeactivationByTheFeedIsWhatTheNextScanSees() {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            CatalogRepository catalog = new CatalogRepository(store);
            feed.apply("0", List.of(FeedStoreTest.tax("STD", "19"),
                    FeedStoreTest.product("100", "Milk", true, false, "4000000000001"),
                    FeedStoreTest.price("100", "1.19", LONG_AGO, 1)), "1.3", false, 0);
            catalog.warmUpBarcodes();
            assertThat(catalog.findByBarcode("4000000000001").orElseThrow().name()).isEqualTo("Milk");

            feed.apply("1.3", List.of(FeedStoreTest.product("100", "Oat Milk", true, false, "4000000000001"),
                    FeedStoreTest.price("100", "1.49", LONG_AGO.plusSeconds(1), 2)), "2.2", false, 0);
            Product now = catalog.findByBarcode("4000000000001").orElseThrow();
            assertThat(now.name()).isEqualTo("Oat Milk");
            assertThat(now.price().amount()).isEqualByComparingTo("1.49");

            feed.apply("2.2", List.of(FeedStoreTest.product("100", "Oat Milk", false, false, "4000000000001")),
                    "3.1", false, 0);
            assertThat(catalog.findByBarcode("4000000000001").orElseThrow().active()).isFalse();
        }
    }

    @Test
    void aChangedTaxRateReachesTheProductsHeldInMemory() {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            CatalogRepository catalog = new CatalogRepository(store);
            feed.apply("0", List.of(FeedStoreTest.tax("STD", "19"),
                    FeedStoreTest.product("100", "Milk", true, false, "4000000000001"),
                    FeedStoreTest.price("100", "1.19", LONG_AGO, 1)), "1.3", false, 0);
            catalog.warmUpBarcodes();
            assertThat(catalog.findByBarcode("4000000000001").orElseThrow().taxRate().percent())
                    .isEqualByComparingTo("19");

            feed.apply("1.3", List.of(FeedStoreTest.tax("STD", "16")), "2.1", false, 0);

            assertThat(catalog.findByBarcode("4000000000001").orElseThrow().taxRate().percent())
                    .isEqualByComparingTo(new BigDecimal("16"));
        }
    }

    @Test
    void aFeedPageThatFailsLeavesTheOldAnswer() {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            CatalogRepository catalog = new CatalogRepository(store);
            feed.apply("0", List.of(FeedStoreTest.tax("STD", "19"),
                    FeedStoreTest.product("100", "Milk", true, false, "4000000000001"),
                    FeedStoreTest.price("100", "1.19", LONG_AGO, 1)), "1.3", false, 0);
            catalog.warmUpBarcodes();
            assertThat(sku(catalog.findByBarcode("4000000000001"))).isEqualTo("100");

            // the page moves the code to a new product, then fails on a bad unit: nothing of it is kept
            List<FeedEntry> page = List.of(FeedStoreTest.product("200", "Bread", true, false, "4000000000001"),
                    FeedStoreTest.price("200", "2.50", LONG_AGO, 1),
                    new FeedEntry("PRODUCT", "bad", false, "{\"sku\":\"bad\",\"name\":\"X\",\"category\":\"F\","
                            + "\"taxCode\":\"STD\",\"unit\":\"BUCKET\",\"currency\":\"EUR\",\"active\":true,\"barcodes\":[]}"));
            assertThrows(IllegalArgumentException.class, () -> feed.apply("1.3", page, "2.9", false, 0));

            assertThat(sku(catalog.findByBarcode("4000000000001"))).isEqualTo("100");
        }
    }
}
