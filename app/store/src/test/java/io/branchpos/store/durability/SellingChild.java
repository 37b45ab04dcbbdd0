package io.branchpos.store.durability;

import io.branchpos.domain.catalog.Product;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.sale.SaleReceipt;
import io.branchpos.store.sale.SalesRepository;
import io.branchpos.domain.sale.RefundRejectedException;
import io.branchpos.domain.sale.Tender;
import io.branchpos.store.sale.RefundRequest;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child JVM of the crash test: sells in a loop and prints "COMMITTED saleId" only after the store
 * has returned from the durable commit — exactly when a cashier would see "Paid". Now and then it
 * refunds half a unit of an earlier sale's first line, so lazily committed sales and writes that
 * checkpoint H2 interleave (decision 0014).
 */
public final class SellingChild {
    private SellingChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out; // command-line entry point of a test harness
        ChildJvm.exitWhenParentDies();
        Path dir = Path.of(args[0]);
        LocalStore store = TestStores.open(dir);
        CatalogRepository catalog = new CatalogRepository(store);
        if (catalog.countProducts() == 0) {
            catalog.importAll(new DemoCatalog(60, 42), DemoCatalog.RATES);
        }
        List<Product> products = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            catalog.findBySku(String.format("%06d", i)).filter(p -> !p.serialized()).ifPresent(products::add);
        }
        SalesRepository sales = new SalesRepository(store);
        Random random = new Random();
        List<String> receipts = new ArrayList<>();
        out.println("READY");
        out.flush();
        while (true) {
            List<Product> basket = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                basket.add(products.get(random.nextInt(products.size())));
            }
            SaleReceipt receipt = sales.complete(TestStores.cashSale(store, basket));
            out.println("COMMITTED " + receipt.saleId());
            out.flush();
            receipts.add(receipt.receiptNumber());
            if (random.nextInt(6) == 0) {
                // a refund between the sales: a write that checkpoints H2 itself (decision 0014)
                String of = receipts.get(random.nextInt(receipts.size()));
                try {
                    sales.refund(new RefundRequest(of, Map.of(1, new BigDecimal("0.5")), Tender.CASH, null, "u-test",
                            "u-test", "crash test"));
                } catch (RefundRejectedException alreadyRefunded) {
                    // that line is back already; the next sale goes on
                }
            }
        }
    }
}
