package io.branchpos.store.durability;

import io.branchpos.domain.catalog.Product;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.sale.SaleReceipt;
import io.branchpos.store.sale.SalesRepository;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child JVM of the crash test: sells in a loop and prints "COMMITTED saleId" only after the store
 * has returned from the durable commit — exactly when a cashier would see "Paid".
 */
public final class SellingChild {
    private SellingChild() {
    }

    public static void main(String[] args) {
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
        }
    }
}
