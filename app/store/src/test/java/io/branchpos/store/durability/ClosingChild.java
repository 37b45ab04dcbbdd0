package io.branchpos.store.durability;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.till.CashCount;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.dayclose.CloseRequest;
import io.branchpos.store.dayclose.DayCloseRepository;
import io.branchpos.store.dayclose.ManagerFixtures;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.sale.SalesRepository;
import io.branchpos.store.till.TillRepository;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Child JVM of the Z crash test: opens a till, sells, closes the day, over and over, and prints
 * "CLOSED z" only after the close returned — exactly when the manager would see the Z.
 */
public final class ClosingChild {
    private ClosingChild() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out; // command-line entry point of a test harness
        ChildJvm.exitWhenParentDies();
        LocalStore store = TestStores.open(Path.of(args[0]));
        CatalogRepository catalog = new CatalogRepository(store);
        if (catalog.countProducts() == 0) {
            catalog.importAll(new DemoCatalog(30, 42), DemoCatalog.RATES);
        }
        List<Product> products = ManagerFixtures.products(store, 3);
        SalesRepository sales = new SalesRepository(store);
        DayCloseRepository close = ManagerFixtures.dayClose(store);
        out.println("READY");
        out.flush();
        while (true) {
            if (new TillRepository(store).current().isEmpty()) { // a kill may have left one open
                ManagerFixtures.openTill(store, "0.00");
            }
            sales.complete(TestStores.cashSale(store, products));
            CashCount cash = ManagerFixtures.cash(close.expected().get(Tender.CASH));
            long z = close.close(new CloseRequest(cash, Map.of(), null, "u-mgr")).zNumber();
            out.println("CLOSED " + z);
            out.flush();
        }
    }
}
