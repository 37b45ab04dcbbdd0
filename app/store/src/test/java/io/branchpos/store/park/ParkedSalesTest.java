package io.branchpos.store.park;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.Approval;
import io.branchpos.domain.sale.Discount;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Currency;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParkedSalesTest {
    private static final SaleCalculator CALC = new SaleCalculator(Currency.getInstance("EUR"), PricingMode.INCLUSIVE,
            RoundingPolicy.DEFAULT);

    @TempDir
    Path dir;

    @Test
    void aParkedSaleSurvivesARestartAndComesBackIdentical() {
        UUID saleId;
        Money total;
        try (LocalStore store = TestStores.withDemoCatalog(dir, 30)) {
            CatalogRepository catalog = new CatalogRepository(store);
            Product milk = catalog.findByBarcode(DemoCatalog.primaryBarcode(0)).orElseThrow();
            Product cheese = catalog.findByBarcode(DemoCatalog.primaryBarcode(7)).orElseThrow(); // deli, per kg
            Ticket t = new Ticket(store.config().ids().next(), CALC);
            t.add(milk, new BigDecimal("3"));
            t.add(cheese, new BigDecimal("0.375"));
            t.add(milk, BigDecimal.ONE);
            t.voidLine(3);
            t.overridePrice(1, milk.price().minus(Money.of("0.10", "EUR")), new Approval("PRICE_OVERRIDE", 1, "u-ben",
                    "dented"));
            t.setReceiptDiscount(Discount.percent("5"), null);
            saleId = t.saleId();
            total = t.totalDue();
            new ParkedSales(store).park(t, "u-anna");
            assertThat(new ParkedSales(store).list()).singleElement()
                    .satisfies(s -> assertThat(s.lineCount()).isEqualTo(2));
        }
        try (LocalStore store = TestStores.open(dir)) {
            ParkedSales parked = new ParkedSales(store);
            Ticket back = parked.recall(saleId, CALC).orElseThrow();
            assertThat(back.totalDue()).isEqualTo(total);
            assertThat(back.lines()).hasSize(3);
            assertThat(back.line(3).voided()).isTrue();
            assertThat(back.line(1).priceOverridden()).isTrue();
            assertThat(back.approvals()).extracting(Approval::approvedBy).containsExactly("u-ben");
            assertThat(parked.list()).isEmpty();
            assertThat(parked.recall(saleId, CALC)).isEmpty();
            JournalRepository journal = new JournalRepository(store);
            assertThat(journal.after(0, 100)).extracting(JournalEvent::type)
                    .containsSubsequence(ParkedSales.SALE_PARKED, ParkedSales.SALE_RECALLED);
            assertThat(journal.verifyChain().ok()).isTrue();
        }
    }

    @Test
    void aRecalledSaleKeepsThePriceVersionsItsLinesWereRungUpWith() {
        UUID saleId;
        try (LocalStore store = TestStores.withDemoCatalog(dir, 30)) {
            CatalogRepository catalog = new CatalogRepository(store);
            Product milk = catalog.findByBarcode(DemoCatalog.primaryBarcode(0)).orElseThrow();
            Product bread = catalog.findByBarcode(DemoCatalog.primaryBarcode(1)).orElseThrow();
            Ticket t = new Ticket(store.config().ids().next(), CALC);
            t.add(milk, BigDecimal.ONE, milk.price(), null, 41L);
            t.add(bread, BigDecimal.ONE, bread.price(), null, null); // a price not from HQ
            saleId = t.saleId();
            new ParkedSales(store).park(t, "u-anna");
        }
        try (LocalStore store = TestStores.open(dir)) {
            Ticket back = new ParkedSales(store).recall(saleId, CALC).orElseThrow();
            assertThat(back.line(1).priceVersion()).isEqualTo(41L);
            assertThat(back.line(2).priceVersion()).isNull();
        }
    }

    @Test
    void voidingAParkedSaleRemovesItAndJournalsTheReason() {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            Product p = new CatalogRepository(store).findByBarcode(DemoCatalog.primaryBarcode(1)).orElseThrow();
            Ticket t = new Ticket(store.config().ids().next(), CALC);
            t.add(p, BigDecimal.ONE);
            ParkedSales parked = new ParkedSales(store);
            parked.park(t, "u-anna");
            parked.voidSale(t.saleId(), "customer left", "u-anna", "u-ben");
            assertThat(parked.list()).isEmpty();
            JournalEvent last = new JournalRepository(store).after(0, 100).stream()
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(last.type()).isEqualTo(ParkedSales.SALE_VOIDED);
            assertThat(last.payload()).contains("\"reason\":\"customer left\"", "\"approvedBy\":\"u-ben\"");
        }
    }
}
