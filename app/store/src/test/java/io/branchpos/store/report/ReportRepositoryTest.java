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

    private static BigDecimal sum(List<ReportRepository.Bucket> bs) {
        return bs.stream().map(ReportRepository.Bucket::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
