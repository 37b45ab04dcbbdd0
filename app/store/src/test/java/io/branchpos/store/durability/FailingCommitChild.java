package io.branchpos.store.durability;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.store.LocalStore;
import io.branchpos.store.SaleLogFiles;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.sale.SaleReceipt;
import io.branchpos.store.sale.SalesRepository;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Child JVM of {@link SaleLogFaultsTest}: runs a plan of sales — {@code S} a normal one, {@code F}
 * one whose H2 commit fails after its sale log record was forced, {@code X} the same and the sale
 * log cannot be written any more (the record cannot be revoked) — printing what the caller was
 * told for each ({@code COMMITTED id receipt} or {@code FAILED id message}), then DONE, and waits
 * to be killed. H2's background writer is held back and the idle checkpoint is off (system
 * property), so at the kill only the sale log has the sales after the import.
 */
public final class FailingCommitChild {
    private FailingCommitChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out; // command-line entry point of a test harness
        ChildJvm.exitWhenParentDies();
        Path dir = Path.of(args[0]);
        LocalStore store = TestStores.open(dir);
        CatalogRepository catalog = new CatalogRepository(store);
        catalog.importAll(new DemoCatalog(20, 42), DemoCatalog.RATES);
        store.jdbc(c -> {
            try (var st = c.createStatement()) {
                st.execute("SET WRITE_DELAY 600000");
            }
            return null;
        });
        Product a = catalog.findBySku("000001").orElseThrow();
        Product b = catalog.findBySku("000002").orElseThrow();
        SalesRepository sales = new SalesRepository(store);
        int n = 0;
        for (char step : args[1].toCharArray()) {
            CompletedSale sale = TestStores.cashSale(store, n++ % 2 == 0 ? List.of(a) : List.of(a, b));
            if (step == 'F' || step == 'X') {
                SaleLogFiles.failCommitsAfterTheRecord(store, step == 'X');
            }
            try {
                SaleReceipt r = sales.complete(sale);
                out.println("COMMITTED " + r.saleId() + " " + r.receiptNumber());
            } catch (RuntimeException e) {
                out.println("FAILED " + sale.saleId() + " " + e.getMessage().replace('\n', ' '));
            }
            SaleLogFiles.commitNormally(store);
            out.flush();
        }
        out.println("DONE");
        out.flush();
        Thread.sleep(600_000);
    }
}
