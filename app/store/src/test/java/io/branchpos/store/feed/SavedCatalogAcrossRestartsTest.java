package io.branchpos.store.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogItem;
import io.branchpos.store.catalog.CatalogRepository;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The barcode map and the search index are saved in the data directory and loaded by the next
 * start only while the catalog is unchanged (decision 0010): a change made in between — by HQ's
 * feed, a local edit, a tax change — or a damaged or foreign file must never give a stale answer.
 */
class SavedCatalogAcrossRestartsTest {
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    final FeedStoreTest.MutableClock clock = new FeedStoreTest.MutableClock();

    LocalStore open(Path at) {
        return LocalStore.open(new StoreConfig(at, "T-001", clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC));
    }

    LocalStore open() {
        return open(dir);
    }

    Path barcodes() {
        return dir.resolve("cache/barcodes.bin");
    }

    Path searchIndex() {
        return dir.resolve("cache/search-index.bin");
    }

    /** A store with milk (two codes) and bread, both caches built and saved. */
    void seed(Path at, String milkPrice) {
        try (LocalStore store = open(at)) {
            new FeedStore(store).apply("0", List.of(FeedStoreTest.tax("STD", "19"),
                    FeedStoreTest.product("100", "Milk", true, false, "4000000000001", "4000000000002"),
                    FeedStoreTest.price("100", milkPrice, LONG_AGO, 1),
                    FeedStoreTest.product("200", "Bread", true, false, "4000000000003"),
                    FeedStoreTest.price("200", "2.50", LONG_AGO, 1)), "1.5", false, 0);
            warmUp(store);
        }
    }

    static void warmUp(LocalStore store) {
        CatalogRepository catalog = new CatalogRepository(store);
        catalog.warmUpBarcodes();
        catalog.warmUpSearch();
    }

    static Product scan(LocalStore store, String code) {
        return new CatalogRepository(store).findByBarcodeInMemory(code).orElseThrow(
                () -> new AssertionError(code + " is not in the barcode map"));
    }

    static List<String> search(LocalStore store, String query) {
        return new CatalogRepository(store).search(query, 10).stream().map(Product::name).toList();
    }

    @Test
    void aRestartOfAnUnchangedCatalogLoadsBothFromTheDataDirectoryAndAnswersAsBefore() throws IOException {
        seed(dir, "1.19");
        assertThat(barcodes()).exists();
        assertThat(searchIndex()).exists();
        byte[] savedCodes = Files.readAllBytes(barcodes());
        var savedAt = Files.getLastModifiedTime(barcodes());

        try (LocalStore store = open()) {
            warmUp(store);
            Product milk = scan(store, "4000000000002");
            assertThat(milk.sku().value()).isEqualTo("100");
            assertThat(milk.name()).isEqualTo("Milk");
            assertThat(milk.price()).isEqualTo(Money.of("1.19", "EUR"));
            assertThat(milk.taxRate()).isEqualTo(new TaxRate("STD", new BigDecimal("19")));
            assertThat(scan(store, "4000000000003").name()).isEqualTo("Bread");
            assertThat(search(store, "mil")).containsExactly("Milk");
        }
        // loaded, not rebuilt: a rebuild saves the file again
        assertThat(Files.readAllBytes(barcodes())).isEqualTo(savedCodes);
        assertThat(Files.getLastModifiedTime(barcodes())).isEqualTo(savedAt);
    }

    @Test
    void aPriceChangeFromTheFeedBetweenTwoStartsIsWhatTheNextStartScans() {
        seed(dir, "1.19");
        try (LocalStore store = open()) { // the feed applies before anything was loaded
            new FeedStore(store).apply("1.5", List.of(FeedStoreTest.price("100", "1.49", LONG_AGO.plusSeconds(1), 2)),
                    "2.2", false, 0);
        }
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000001").price()).isEqualTo(Money.of("1.49", "EUR"));
        }
    }

    @Test
    void aPriceChangeAppliedWhileTheMapWasLoadedIsWhatTheNextStartScans() {
        seed(dir, "1.19");
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000001").price()).isEqualTo(Money.of("1.19", "EUR"));
            new FeedStore(store).apply("1.5", List.of(FeedStoreTest.price("100", "1.49", LONG_AGO.plusSeconds(1), 2)),
                    "2.2", false, 0);
        }
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000001").price()).isEqualTo(Money.of("1.49", "EUR"));
        }
    }

    @Test
    void aLocalPriceChangeAndNewBarcodeAreWhatTheNextStartScans() {
        seed(dir, "1.19");
        try (LocalStore store = open()) {
            CatalogRepository catalog = new CatalogRepository(store);
            Product milk = catalog.findBySku("100").orElseThrow();
            store.write(ctx -> {
                catalog.upsert(ctx, new CatalogItem(new Product(milk.sku(), milk.name(), milk.category(), milk.taxRate(),
                        milk.unit(), Money.of("0.99", "EUR"), true, false), List.of("4000000000001", "4000000000009")));
                return null;
            });
        }
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000001").price()).isEqualTo(Money.of("0.99", "EUR"));
            assertThat(scan(store, "4000000000009").sku().value()).isEqualTo("100");
            // the code the milk no longer has names nothing
            assertThat(new CatalogRepository(store).findByBarcode("4000000000002")).isEmpty();
        }
    }

    @Test
    void aLocalChangeThatRolledBackDoesNotMakeTheSavedFilesStaleOrWrong() {
        seed(dir, "1.19");
        try (LocalStore store = open()) {
            CatalogRepository catalog = new CatalogRepository(store);
            Product milk = catalog.findBySku("100").orElseThrow();
            try {
                store.write(ctx -> {
                    catalog.upsert(ctx, new CatalogItem(new Product(milk.sku(), milk.name(), milk.category(),
                            milk.taxRate(), milk.unit(), Money.of("0.01", "EUR"), true, false), List.of("4000000000001")));
                    throw new IllegalStateException("cashier cancelled");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
        }
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000001").price()).isEqualTo(Money.of("1.19", "EUR"));
        }
    }

    @Test
    void aTaxRateChangedByTheFeedIsWhatTheNextStartCharges() {
        seed(dir, "1.19");
        try (LocalStore store = open()) {
            new FeedStore(store).apply("1.5", List.of(FeedStoreTest.tax("STD", "21")), "2.2", false, 0);
        }
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000001").taxRate().percent()).isEqualByComparingTo("21");
        }
    }

    @Test
    void aRenameByTheFeedIsWhatTheNextStartSearches() {
        seed(dir, "1.19");
        try (LocalStore store = open()) {
            new FeedStore(store).apply("1.5", List.of(FeedStoreTest.product("100", "Oat Drink", true, false,
                    "4000000000001", "4000000000002")), "2.2", false, 0);
        }
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(search(store, "mil")).isEmpty();
            assertThat(search(store, "oat")).containsExactly("Oat Drink");
            assertThat(scan(store, "4000000000001").name()).isEqualTo("Oat Drink");
        }
    }

    @Test
    void aBulkImportReplacesWhatWasSaved() {
        seed(dir, "1.19");
        try (LocalStore store = open()) {
            new CatalogRepository(store).importAll(List.of(new CatalogItem(new Product(new Sku("100"), "Goat Milk", "Dairy",
                    new TaxRate("STD", new BigDecimal("19")), UnitOfMeasure.PIECE, Money.of("3.10", "EUR"), true, false),
                    List.of("4000000000001"))), List.of(new TaxRate("STD", new BigDecimal("19"))));
        }
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000001").price()).isEqualTo(Money.of("3.10", "EUR"));
            assertThat(search(store, "goat")).containsExactly("Goat Milk");
        }
    }

    @Test
    void aSnapshotLoadedIntoATerminalWhoseEmptyCatalogWasSavedIsWhatTheNextStartScans() {
        try (LocalStore store = open()) { // a new terminal: its start saved the empty barcode map and index
            warmUp(store);
        }
        assertThat(barcodes()).exists();
        try (LocalStore store = open()) {
            new FeedStore(store).loadSnapshot("9.1", List.of(FeedStoreTest.tax("STD", "19"),
                    FeedStoreTest.product("100", "Milk", true, false, "4000000000001"),
                    FeedStoreTest.price("100", "1.19", LONG_AGO, 1)).iterator());
        }
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000001").price()).isEqualTo(Money.of("1.19", "EUR"));
            assertThat(search(store, "mil")).containsExactly("Milk");
        }
    }

    @Test
    void aDamagedFileIsRebuiltFromTheDatabase() throws IOException {
        seed(dir, "1.19");
        for (Path f : List.of(barcodes(), searchIndex())) {
            byte[] b = Files.readAllBytes(f);
            b[b.length / 2] ^= 0x5A; // one flipped byte in the middle
            Files.write(f, b);
        }
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000001").price()).isEqualTo(Money.of("1.19", "EUR"));
            assertThat(search(store, "bre")).containsExactly("Bread");
        }
        // and saved again, whole: the next start loads it
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000003").name()).isEqualTo("Bread");
        }
    }

    @Test
    void aTruncatedOrEmptyFileIsRebuiltFromTheDatabase() throws IOException {
        seed(dir, "1.19");
        byte[] b = Files.readAllBytes(barcodes());
        Files.write(barcodes(), java.util.Arrays.copyOf(b, b.length / 3));
        Files.write(searchIndex(), new byte[0]);
        try (LocalStore store = open()) {
            warmUp(store);
            assertThat(scan(store, "4000000000002").sku().value()).isEqualTo("100");
            assertThat(search(store, "mil")).containsExactly("Milk");
        }
    }

    @Test
    void filesCopiedFromAnotherStoreAreNotTakenForThisOne() throws IOException {
        Path other = dir.resolve("other");
        seed(other, "9.99"); // the same SKUs and codes, another price
        Path here = dir.resolve("here");
        seed(here, "1.19");
        Files.copy(other.resolve("cache/barcodes.bin"), here.resolve("cache/barcodes.bin"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (LocalStore store = open(here)) {
            warmUp(store);
            assertThat(scan(store, "4000000000001").price()).isEqualTo(Money.of("1.19", "EUR"));
        }
    }

    @Test
    void aStoreWithoutTheCacheDirectoryStartsAndSavesIt() throws IOException {
        seed(dir, "1.19");
        try (var files = Files.list(dir.resolve("cache"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir.resolve("cache"));
        try (LocalStore store = open()) {
            warmUp(store);
            Optional<Product> milk = new CatalogRepository(store).findByBarcode("4000000000001");
            assertThat(milk).map(Product::name).contains("Milk");
        }
        assertThat(barcodes()).exists();
    }
}
