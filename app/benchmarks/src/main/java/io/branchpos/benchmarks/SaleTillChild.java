package io.branchpos.benchmarks;

import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.sale.SalesRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Target 4 in a till's JVM: the same sales as {@link SaleBench} ({@link SalesRepository#complete} on the
 * 200k-SKU store with its history), in a child JVM started with the installers' JVM options, so the
 * till's collector and heap are part of the number. Arguments: store directory, SKUs, sales. Prints
 * {@code DONE p50ms p99ms maxms salesThatSawACollection collections gcMillis perCollector} or
 * {@code FAILED reason}.
 */
public final class SaleTillChild {
    private SaleTillChild() {
    }

    public static void main(String[] args) {
        try (LocalStore store = Stores.open(Path.of(args[0]))) {
            int skus = Integer.parseInt(args[1]);
            int n = Integer.parseInt(args[2]);
            CatalogRepository catalog = new CatalogRepository(store);
            SalesRepository sales = new SalesRepository(store);
            Random r = new Random(11);
            for (int i = 0; i < Math.max(10, n / 10); i++) { // warm-up, as SaleBench (builds the barcode map too)
                sales.complete(SalesHistory.randomSale(store, catalog, skus, r));
            }
            List<CompletedSale> todo = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                todo.add(SalesHistory.randomSale(store, catalog, skus, r));
            }
            Samples s = new Samples();
            long gcs0 = TillJvm.collections();
            long gcMillis0 = TillJvm.gcMillis();
            long before = gcs0;
            int sawGc = 0;
            for (CompletedSale sale : todo) {
                long t0 = System.nanoTime();
                sales.complete(sale);
                s.add(System.nanoTime() - t0);
                long now = TillJvm.collections();
                if (now != before) {
                    sawGc++;
                    before = now;
                }
            }
            System.out.printf("DONE %.3f %.3f %.3f %d %d %d %s%n", Samples.millis(s.percentile(50)),
                    Samples.millis(s.percentile(99)), Samples.millis(s.max()), sawGc, TillJvm.collections() - gcs0,
                    TillJvm.gcMillis() - gcMillis0, TillJvm.perCollector());
        } catch (Throwable t) {
            t.printStackTrace();
            System.out.println("FAILED " + t.toString().replace('\n', ' '));
        }
        System.out.flush();
        System.exit(0);
    }
}
