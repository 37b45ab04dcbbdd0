package io.branchpos.store.durability;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.sale.TicketLine;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.sale.RefundRequest;
import io.branchpos.store.sale.SaleReceipt;
import io.branchpos.store.sale.SalesRepository;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Child JVM of {@link KillNineAfterSaleReturnsTest}: runs a fixed plan of sales ({@code S}) and
 * refunds of the first sale's first line ({@code R}), printing each once the store returned, then
 * prints DONE and waits to be killed. H2's background writer is held back ({@code SET WRITE_DELAY})
 * and the sale log's idle checkpoint is off (system property set by the test), so when the kill
 * comes H2's file has not got the sales completed after the last checkpoint: only the sale log has
 * them. That is the moment a real terminal is in for up to a second after every sale.
 */
public final class LoggedSalesChild {
    private LoggedSalesChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out; // command-line entry point of a test harness
        ChildJvm.exitWhenParentDies();
        Path dir = Path.of(args[0]);
        String plan = args[1];
        LocalStore store = TestStores.open(dir);
        CatalogRepository catalog = new CatalogRepository(store);
        if (catalog.countProducts() == 0) {
            catalog.importAll(new DemoCatalog(60, 42), DemoCatalog.RATES);
        }
        store.jdbc(c -> {
            try (var st = c.createStatement()) {
                st.execute("SET WRITE_DELAY 600000");
            }
            return null;
        });
        List<Product> products = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            catalog.findBySku(String.format("%06d", i)).filter(p -> !p.serialized()).ifPresent(products::add);
        }
        SalesRepository sales = new SalesRepository(store);
        out.println("READY");
        out.flush();
        String firstReceipt = null;
        int n = 0;
        for (char step : plan.toCharArray()) {
            if (step == 'S') {
                List<Product> basket = new ArrayList<>();
                for (int i = 0; i <= n % 3; i++) {
                    basket.add(products.get((n * 7 + i * 13) % products.size()));
                }
                n++;
                CompletedSale sale = TestStores.cashSale(store, basket);
                SaleReceipt receipt = sales.complete(sale);
                StringJoiner lines = new StringJoiner(";");
                for (TicketLine l : sale.lines()) {
                    lines.add(l.product().sku().value() + "=" + l.quantity().toPlainString());
                }
                if (firstReceipt == null) {
                    firstReceipt = receipt.receiptNumber();
                }
                out.println("COMMITTED " + receipt.saleId() + " " + receipt.receiptNumber() + " " + lines);
            } else if (step == 'R') {
                var refund = sales.refund(new RefundRequest(firstReceipt, Map.of(1, BigDecimal.ONE.min(
                        firstLineQuantity(sale0(store, firstReceipt)))), Tender.CASH, null, "u-test", "u-test",
                        "crash test"));
                out.println("REFUNDED " + refund.refundId() + " " + refund.lines().get(0).sku().value() + "="
                        + refund.lines().get(0).quantity().toPlainString());
            }
            out.flush();
        }
        out.println("DONE");
        out.flush();
        Thread.sleep(600_000);
    }

    private static SalesRepository.SaleView sale0(LocalStore store, String receipt) {
        return new SalesRepository(store).findByReceipt(receipt).orElseThrow();
    }

    private static BigDecimal firstLineQuantity(SalesRepository.SaleView sale) {
        return sale.lines().get(0).quantity();
    }
}
