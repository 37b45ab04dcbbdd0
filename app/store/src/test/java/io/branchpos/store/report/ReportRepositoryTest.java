package io.branchpos.store.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.stock.ReceiptLine;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.dayclose.ManagerFixtures;
import io.branchpos.store.sale.RefundRequest;
import io.branchpos.store.sale.SaleReceipt;
import io.branchpos.store.sale.SalesRepository;
import io.branchpos.store.stock.StockRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void reportsAddUpToTheSalesOfTheRange() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 30)) {
            List<Product> ps = ManagerFixtures.products(store, 3);
            SalesRepository sales = new SalesRepository(store);
            SaleReceipt r = sales.complete(TestStores.cashSale(store, ps));
            sales.complete(TestStores.cashSale(store, ps.subList(0, 1)));
            sales.refund(new RefundRequest(r.receiptNumber(), Map.of(2, BigDecimal.ONE), Tender.CASH, null, "u-anna",
                    null, "broken"));
            new StockRepository(store).receive(null, List.of(new ReceiptLine(ps.get(0).sku().value(), null,
                    BigDecimal.TEN, null)), "u-mgr");
            ReportRepository reports = new ReportRepository(store, ZoneOffset.UTC);
            LocalDate day = store.businessDay();

            BigDecimal total = ps.stream().map(p -> p.price().amount()).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .add(ps.get(0).price().amount());
            assertThat(sum(reports.salesByHour(day, day))).isEqualByComparingTo(total);
            assertThat(reports.salesByHour(day, day)).hasSize(24);
            assertThat(sum(reports.salesByCategory(day, day))).isEqualByComparingTo(total);
            assertThat(sum(reports.salesByCashier(day, day))).isEqualByComparingTo(total);
            assertThat(sum(reports.salesByTender(day, day))).isEqualByComparingTo(total);
            assertThat(reports.topProducts(day, day, 1).get(0).label()).contains(ps.get(0).sku().value());
            assertThat(reports.returns(day, day)).hasSize(1);
            assertThat(reports.stockValuation()).isNotEmpty();
            assertThat(reports.audit(day, day)).extracting(ReportRepository.AuditRow::type)
                    .containsExactly("REFUND_COMPLETED");
            assertThat(sum(reports.salesByHour(day.plusDays(1), day.plusDays(2)))).isZero();
        }
    }

    @Test
    void stockIsValuedAtCostAndACategoryWithSkusWithoutCostSaysItIsPartlyAtRetail() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 120)) {
            List<Product> all = ManagerFixtures.products(store, 30);
            String category = all.get(0).category();
            List<Product> same = all.stream().filter(p -> p.category().equals(category)).limit(2).toList();
            assertThat(same).hasSize(2);
            Product withCost = same.get(0);
            Product without = same.get(1);
            StockRepository stock = new StockRepository(store);
            stock.receive(null, List.of(new ReceiptLine(withCost.sku().value(), null, new BigDecimal("4"), null),
                    new ReceiptLine(without.sku().value(), null, new BigDecimal("3"), null)), "u-mgr");
            ReportRepository reports = new ReportRepository(store, ZoneOffset.UTC);

            ReportRepository.ValuationRow retailOnly = reports.stockValuationDetail().get(0);
            assertThat(retailOnly.label()).isEqualTo(category + " (at retail: no cost price)");
            assertThat(retailOnly.atCost()).isZero();

            store.write(ctx -> Sql.update(ctx.session(), "INSERT INTO product_cost(sku, cost) VALUES (?, ?)",
                    withCost.sku().value(), new BigDecimal("0.4150")));
            ReportRepository.ValuationRow row = reports.stockValuationDetail().get(0);
            assertThat(row.category()).isEqualTo(category);
            assertThat(row.atCost()).isEqualByComparingTo("1.66");
            assertThat(row.atRetail()).isEqualByComparingTo(without.price().amount().multiply(new BigDecimal("3")));
            assertThat(row.label()).isEqualTo(category + " (1 of 2 SKUs at retail: no cost price)");
            assertThat(reports.stockValuation().get(0).amount()).isEqualByComparingTo(row.total());

            store.write(ctx -> Sql.update(ctx.session(), "INSERT INTO product_cost(sku, cost) VALUES (?, ?)",
                    without.sku().value(), new BigDecimal("1")));
            assertThat(reports.stockValuation().get(0).label()).as("all at cost: no mark").isEqualTo(category);
            assertThat(reports.stockValuation().get(0).amount()).isEqualByComparingTo("4.66");
        }
    }

    private static BigDecimal sum(List<ReportRepository.Bucket> bs) {
        return bs.stream().map(ReportRepository.Bucket::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
