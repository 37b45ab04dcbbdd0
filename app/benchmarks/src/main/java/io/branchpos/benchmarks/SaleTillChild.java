package io.branchpos.benchmarks;

import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.sale.SalesRepository;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
            long gcs0 = collections();
            long gcMillis0 = gcMillis();
            long before = gcs0;
            int sawGc = 0;
            for (CompletedSale sale : todo) {
                long t0 = System.nanoTime();
                sales.complete(sale);
                s.add(System.nanoTime() - t0);
                long now = collections();
                if (now != before) {
                    sawGc++;
                    before = now;
                }
            }
            StringBuilder each = new StringBuilder();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                each.append(each.length() == 0 ? "" : ",").append(gc.getName().replace(' ', '-')).append(':')
                        .append(gc.getCollectionCount()).append('/').append(gc.getCollectionTime()).append("ms");
            }
            System.out.printf("DONE %.3f %.3f %.3f %d %d %d %s%n", Samples.millis(s.percentile(50)),
                    Samples.millis(s.percentile(99)), Samples.millis(s.max()), sawGc, collections() - gcs0,
                    gcMillis() - gcMillis0, each);
        } catch (Throwable t) {
            t.printStackTrace();
            System.out.println("FAILED " + t.toString().replace('\n', ' '));
        }
        System.out.flush();
        System.exit(0);
    }

    private static long collections() {
        long c = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, gc.getCollectionCount());
        }
        return c;
    }

    private static long gcMillis() {
        long c = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, gc.getCollectionTime());
        }
        return c;
    }
}
