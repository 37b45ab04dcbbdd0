package io.branchpos.store.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.RefundRejectedException;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogItem;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.journal.JournalRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalesRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void partialRefundTwiceCannotExceedTheOriginal() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 20)) {
            SalesRepository sales = new SalesRepository(store);
            Product p = new CatalogRepository(store).findBySku("000001").orElseThrow();
            Ticket t = new Ticket(store.config().ids().next(), new SaleCalculator(Currency.getInstance("EUR"),
                    PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT));
            t.add(p, BigDecimal.valueOf(3));
            Settlement s = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
            s.add(Payment.cash(t.totalDue()));
            SaleReceipt receipt = sales.complete(CompletedSale.of(t, s, "u1", Instant.now()));

            sales.refund(new RefundRequest(receipt.receiptNumber(), Map.of(1, BigDecimal.valueOf(2)), Tender.CASH, null,
                    "u1", null, "too many"));
            assertThatThrownBy(() -> sales.refund(new RefundRequest(receipt.receiptNumber(),
                    Map.of(1, BigDecimal.valueOf(2)), Tender.CASH, null, "u1", null, "again")))
                    .isInstanceOf(RefundRejectedException.class).hasMessageContaining("at most 1");
            RefundReceipt last = sales.refund(new RefundRequest(receipt.receiptNumber(), Map.of(1, BigDecimal.ONE),
                    Tender.CASH, null, "u1", null, "last one"));
            var view = sales.findByReceipt(receipt.receiptNumber()).orElseThrow();
            Money refunded = view.refunded().stream().map(r -> r.gross()).reduce(Money.zero(view.currency()), Money::plus);
            assertThat(refunded).isEqualTo(view.lines().get(0).gross());
            assertThat(last.journalSeq()).isEqualTo(3);
            assertThat(new JournalRepository(store).unsynced(10)).extracting(e -> e.type())
                    .containsExactly("SALE_COMPLETED", "REFUND_COMPLETED", "REFUND_COMPLETED");
        }
    }

    @Test
    void aSerialNumberCannotBeSoldTwiceAtTheBranch() {
        try (LocalStore store = TestStores.open(dir)) {
            Product phone = new Product(new Sku("PH"), "Phone", "Electronics", DemoCatalog.STANDARD,
                    UnitOfMeasure.PIECE, Money.of("199.00", "EUR"), true, true);
            new CatalogRepository(store).importAll(List.of(new CatalogItem(phone, List.of())), DemoCatalog.RATES);
            SalesRepository sales = new SalesRepository(store);
            sales.complete(serialSale(store, phone, "SN-1"));
            assertThatThrownBy(() -> sales.complete(serialSale(store, phone, "SN-1")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("already sold");
            assertThat(new JournalRepository(store).lastSeq()).isEqualTo(1);
            assertThat(sales.isSerialSold("PH", "SN-2")).isFalse();
        }
    }

    private static CompletedSale serialSale(LocalStore store, Product p, String serial) {
        Ticket t = new Ticket(store.config().ids().next(), new SaleCalculator(Currency.getInstance("EUR"),
                PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT));
        t.add(p, BigDecimal.ONE, p.price(), serial);
        Settlement s = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
        s.add(Payment.card(t.totalDue(), "AUTH"));
        return CompletedSale.of(t, s, "u1", Instant.now());
    }
}
