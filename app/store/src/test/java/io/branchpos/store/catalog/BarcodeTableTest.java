package io.branchpos.store.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact barcode map (decision 0010) answers exactly what a map of products would, also after a save and load. */
class BarcodeTableTest {
    private static final List<TaxRate> RATES = List.of(new TaxRate("STD", new BigDecimal("19")),
            new TaxRate("RED", new BigDecimal("7")), new TaxRate("ZERO", BigDecimal.ZERO), new TaxRate("R20", new BigDecimal("2E+1")));
    private static final List<String> CURRENCIES = List.of("EUR", "JPY", "BHD");

    /** Random products (odd names, currencies with 0, 2 and 3 decimals) and codes, some shared by nobody. */
    static Map<String, Product> randomCatalog(Random r, int products) {
        Map<String, Product> byCode = new HashMap<>();
        for (int i = 0; i < products; i++) {
            String cur = CURRENCIES.get(r.nextInt(CURRENCIES.size()));
            int digits = java.util.Currency.getInstance(cur).getDefaultFractionDigits();
            Product p = new Product(new Sku("S" + i + (r.nextBoolean() ? "-ü" : "")),
                    "Name " + i + " " + "ßéÅ漢字".substring(0, r.nextInt(6)), "Cat" + r.nextInt(40),
                    RATES.get(r.nextInt(RATES.size())), UnitOfMeasure.values()[r.nextInt(UnitOfMeasure.values().length)],
                    Money.of(BigDecimal.valueOf(r.nextInt(1_000_000), digits), java.util.Currency.getInstance(cur)),
                    r.nextBoolean(), r.nextBoolean());
            int codes = r.nextInt(3);
            for (int c = 0; c < codes; c++) {
                byCode.put(r.nextBoolean() ? String.format("%013d", r.nextLong() & 0xFFFFFFFFFFL) : "X" + i + "-" + c, p);
            }
        }
        return byCode;
    }

    static BarcodeTable table(Map<String, Product> byCode) {
        BarcodeTable.Builder b = new BarcodeTable.Builder();
        Map<String, Product> bySku = new HashMap<>();
        byCode.values().forEach(p -> bySku.put(p.sku().value(), p));
        bySku.values().forEach(b::product);
        byCode.forEach((code, p) -> b.code(code, p.sku().value()));
        b.code("ORPHAN", "no such sku");
        return b.build();
    }

    @Test
    void everyCodeAnswersItsProductBeforeAndAfterASaveAndLoad() {
        for (int seed = 0; seed < 20; seed++) {
            Map<String, Product> byCode = randomCatalog(new Random(seed), 2_000);
            BarcodeTable built = table(byCode);
            BarcodeTable loaded = BarcodeTable.read(ByteBuffer.wrap(built.write()));
            for (Map.Entry<String, Product> e : byCode.entrySet()) {
                assertThat(built.get(e.getKey())).isEqualTo(e.getValue());
                assertThat(loaded.get(e.getKey())).isEqualTo(e.getValue());
            }
            assertThat(loaded.get("ORPHAN")).isNull();
            assertThat(loaded.get("nothing")).isNull();
            assertThat(loaded.get("")).isNull();
        }
    }

    @Test
    void aRemovedCodeIsNotHeldAndIsNotSaved() {
        Map<String, Product> byCode = randomCatalog(new Random(7), 500);
        BarcodeTable t = table(byCode);
        String gone = byCode.keySet().iterator().next();
        t.remove(gone);
        assertThat(t.get(gone)).isNull();
        assertThat(BarcodeTable.read(ByteBuffer.wrap(t.write())).get(gone)).isNull();
        byCode.keySet().stream().filter(c -> !c.equals(gone))
                .forEach(c -> assertThat(t.get(c)).isEqualTo(byCode.get(c)));
    }

    @Test
    void changedTaxRatesApplyAndAProductWhoseRateIsGoneIsNotHeld() {
        Map<String, Product> byCode = randomCatalog(new Random(3), 500);
        BarcodeTable t = table(byCode);
        t.replaceRates(Map.of("STD", new TaxRate("STD", new BigDecimal("21")), "RED", new TaxRate("RED", new BigDecimal("7")),
                "R20", new TaxRate("R20", new BigDecimal("2E+1"))));
        byCode.forEach((code, p) -> {
            Product now = t.get(code);
            switch (p.taxRate().code()) {
                case "STD" -> assertThat(now.taxRate().percent()).isEqualByComparingTo("21");
                case "ZERO" -> assertThat(now).isNull();
                default -> assertThat(now).isEqualTo(p);
            }
        });
    }

    @Test
    void aMalformedImageIsRefusedNotMisread() {
        byte[] image = table(randomCatalog(new Random(1), 300)).write();
        assertThrows(IllegalArgumentException.class, () -> BarcodeTable.read(ByteBuffer.wrap(java.util.Arrays.copyOf(image, image.length - 5))));
        assertThrows(IllegalArgumentException.class, () -> BarcodeTable.read(ByteBuffer.wrap(new byte[0])));
        byte[] bad = image.clone();
        // the tail (code ordinals and product ordinals) overwritten
        java.util.Arrays.fill(bad, bad.length - 40, bad.length - 20, (byte) 0x7F);
        assertThrows(IllegalArgumentException.class, () -> BarcodeTable.read(ByteBuffer.wrap(bad)));
    }
}
