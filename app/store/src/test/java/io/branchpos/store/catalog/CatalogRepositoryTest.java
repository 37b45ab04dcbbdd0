package io.branchpos.store.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.demo.DemoCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogRepositoryTest {
    @TempDir
    Path dir;
    LocalStore store;
    CatalogRepository catalog;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        catalog = new CatalogRepository(store);
        catalog.importAll(List.of(
                item("1", "Müller Crème fraîche 200 ml", true, "4001234567891"),
                item("2", "Organic Whole Milk 1 l", true, "4009876543214", "12345"),
                item("3", "Whole Grain Rolls 4 pcs", true),
                item("4", "Milk Chocolate Hazelnut", false),
                item("5", "Straße Süßigkeiten", true),
                item("6", "Raisin Bread", true)), DemoCatalog.RATES);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static CatalogItem item(String sku, String name, boolean active, String... codes) {
        return new CatalogItem(new Product(new Sku(sku), name, "Dairy", DemoCatalog.REDUCED, UnitOfMeasure.PIECE,
                Money.of("1.99", "EUR"), active, false), List.of(codes));
    }

    @Test
    void barcodeFindsItsProductAndAnyOfSeveralCodesWork() {
        assertThat(catalog.findByBarcode("4009876543214")).map(p -> p.sku().value()).contains("2");
        assertThat(catalog.findByBarcode("12345")).map(p -> p.sku().value()).contains("2");
        assertThat(catalog.findByBarcode("0000000000000")).isEmpty();
    }

    @Test
    void searchMatchesWordPrefixesAnywhereInTheName() {
        assertThat(names(catalog.search("mil", 10))).containsExactly("Organic Whole Milk 1 l");
        assertThat(names(catalog.search("whole", 10))).containsExactly("Organic Whole Milk 1 l", "Whole Grain Rolls 4 pcs");
        assertThat(names(catalog.search("wh mi", 10))).containsExactly("Organic Whole Milk 1 l");
    }

    @Test
    void searchFindsTermsInsideWordsAfterWordStarts() {
        assertThat(names(catalog.search("ilk", 10))).containsExactly("Organic Whole Milk 1 l");
        assertThat(names(catalog.search("rain", 10))).containsExactly("Whole Grain Rolls 4 pcs");
        // word-start matches rank before inside-word matches, each group by name
        assertThat(names(catalog.search("rai", 10)))
                .containsExactly("Raisin Bread", "Müller Crème fraîche 200 ml", "Whole Grain Rolls 4 pcs");
        assertThat(names(catalog.search("ss", 10))).isEmpty(); // 2 letters: word starts only
    }

    @Test
    void aTypoOfOneLetterStillFindsTheProductWhenNothingMatchesExactly() {
        assertThat(names(catalog.search("mlik", 10))).containsExactly("Organic Whole Milk 1 l"); // swap
        assertThat(names(catalog.search("orgnic", 10))).containsExactly("Organic Whole Milk 1 l"); // missing letter
        assertThat(names(catalog.search("raisim", 10))).containsExactly("Raisin Bread"); // wrong letter
        assertThat(names(catalog.search("breaf", 10))).containsExactly("Raisin Bread");
        assertThat(names(catalog.search("crwme", 10))).containsExactly("Müller Crème fraîche 200 ml");
        assertThat(names(catalog.search("sussigkieten", 10))).containsExactly("Straße Süßigkeiten"); // long word
        assertThat(catalog.search("mxyzk", 10)).isEmpty();
    }

    @Test
    void aTermThatMatchesNothingFindsNothing() {
        assertThat(catalog.search("zzq", 10)).isEmpty();
        assertThat(catalog.search("milk zzq", 10)).isEmpty();
    }

    @Test
    void searchIgnoresCaseAndAccents() {
        assertThat(names(catalog.search("CREME FRAI", 10))).containsExactly("Müller Crème fraîche 200 ml");
        assertThat(names(catalog.search("muller", 10))).containsExactly("Müller Crème fraîche 200 ml");
        assertThat(names(catalog.search("strasse sussig", 10))).containsExactly("Straße Süßigkeiten");
    }

    @Test
    void inactiveProductsAreNotOffered() {
        assertThat(names(catalog.search("chocolate", 10))).isEmpty();
    }

    @Test
    void emptyOrPunctuationOnlyQueryFindsNothing() {
        assertThat(catalog.search("  %_ ", 10)).isEmpty();
    }

    @Test
    void updatingAProductReplacesItsWordsAndBarcodes() {
        store.write(ctx -> {
            catalog.upsert(ctx, item("2", "Oat Drink Barista", true, "4000000000017"));
            return null;
        });
        assertThat(catalog.search("milk", 10)).isEmpty();
        assertThat(names(catalog.search("oat", 10))).containsExactly("Oat Drink Barista");
        assertThat(catalog.findByBarcode("12345")).isEmpty();
        assertThat(catalog.findByBarcode("4000000000017")).isPresent();
    }

    @Test
    void aProductChangedWhileTheBarcodeMapIsBuiltIsLookedUpAsChanged() {
        catalog.warmUpBarcodes();
        assertThat(catalog.findByBarcodeInMemory("12345")).map(p -> p.sku().value()).contains("2");
        store.write(ctx -> {
            // the code moves from product 2 to product 6, which is renamed
            catalog.upsert(ctx, item("6", "Raisin Bread Large", true, "12345"));
            catalog.upsert(ctx, item("2", "Organic Whole Milk 1 l", true, "4009876543214"));
            return null;
        });
        assertThat(catalog.findByBarcode("12345")).map(Product::name).contains("Raisin Bread Large");
        assertThat(catalog.findByBarcode("4009876543214")).map(p -> p.sku().value()).contains("2");
    }

    @Test
    void aRolledBackChangeLeavesTheBarcodeMapAnsweringAsBefore() {
        catalog.warmUpBarcodes();
        assertThat(catalog.findByBarcode("12345")).map(p -> p.sku().value()).contains("2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.write(ctx -> {
            catalog.upsert(ctx, item("6", "Raisin Bread", true, "12345"));
            throw new IllegalStateException("cashier pulled the plug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(catalog.findByBarcode("12345")).map(p -> p.sku().value()).contains("2");
        assertThat(catalog.findByBarcode("4009876543214")).map(p -> p.sku().value()).contains("2");
    }

    @Test
    void aBulkImportReplacesWhatTheBarcodeMapHeld() {
        catalog.warmUpBarcodes();
        assertThat(catalog.findByBarcode("4001234567891")).map(Product::name).contains("Müller Crème fraîche 200 ml");
        catalog.importAll(List.of(item("1", "Müller Crème fraîche 400 ml", true, "4001234567891"),
                item("7", "New Thing", true, "4000000000024")), DemoCatalog.RATES);
        assertThat(catalog.findByBarcode("4001234567891")).map(Product::name).contains("Müller Crème fraîche 400 ml");
        assertThat(catalog.findByBarcode("4000000000024")).map(p -> p.sku().value()).contains("7");
        assertThat(catalog.findByBarcodeInMemory("4000000000024")).map(p -> p.sku().value()).contains("7");
    }

    @Test
    void demoCatalogHasValidBarcodesAndIsReproducible() {
        List<CatalogItem> a = new java.util.ArrayList<>();
        new DemoCatalog(300, 7).forEach(a::add);
        List<CatalogItem> b = new java.util.ArrayList<>();
        new DemoCatalog(300, 7).forEach(b::add);
        assertThat(a).isEqualTo(b);
        assertThat(a).allSatisfy(i -> assertThat(io.branchpos.domain.catalog.Gtin.isValid(i.barcodes().get(0))).isTrue());
        assertThat(a).extracting(i -> i.product().category()).contains("Dairy", "Deli", "Electronics");
    }

    private static List<String> names(List<Product> products) {
        return products.stream().map(Product::name).toList();
    }
}
