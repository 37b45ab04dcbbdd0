package io.branchpos.benchmarks;

import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;

/**
 * Target 1: barcode look-up through {@link CatalogRepository#findByBarcode} (the in-memory map of
 * decision 0006, built before the warm-up and timed apart) against the floor: the same query on one
 * held connection with one prepared statement, columns read but not mapped.
 */
final class LookupBench {
    private static final String RAW_SQL = "SELECT p.sku, p.name, p.category, p.tax_code, t.percent, p.unit, p.price,"
            + " p.currency, p.active, p.serialized FROM product p JOIN tax_rate t ON t.code = p.tax_code"
            + " JOIN barcode b ON b.sku = p.sku WHERE b.code = ?";

    private LookupBench() {
    }

    static List<Row> run(LocalStore store, Scale scale) {
        CatalogRepository catalog = new CatalogRepository(store);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long b0 = System.nanoTime();
        catalog.warmUpBarcodes();
        double buildMs = (System.nanoTime() - b0) / 1e6;
        System.gc();
        double heapMiB = Math.max(0, rt.totalMemory() - rt.freeMemory() - heapBefore) / (1024.0 * 1024.0);
        String[] codes = codes(scale.skus(), scale.lookups(), 1);
        String[] warm = codes(scale.skus(), Math.min(20_000, scale.lookups()), 2);
        for (String c : warm) {
            if (catalog.findByBarcode(c).isEmpty()) {
                throw new IllegalStateException("barcode " + c + " not found: the catalog was not imported");
            }
        }
        Samples api = new Samples();
        for (String c : codes) {
            long t0 = System.nanoTime();
            catalog.findByBarcode(c);
            api.add(System.nanoTime() - t0);
        }
        Samples raw = store.jdbc(conn -> {
            Samples s = new Samples();
            try (PreparedStatement ps = conn.prepareStatement(RAW_SQL)) {
                for (String c : warm) {
                    lookup(ps, c);
                }
                for (String c : codes) {
                    long t0 = System.nanoTime();
                    lookup(ps, c);
                    s.add(System.nanoTime() - t0);
                }
            }
            return s;
        });
        double apiP99 = Samples.micros(api.percentile(99));
        double rawP99 = Samples.micros(raw.percentile(99));
        String sizes = String.format("%,d SKUs, %,d random look-ups", scale.skus(), api.count());
        return List.of(
                Row.measured("1", "barcode lookup p99", apiP99, "µs", "<= 100 µs", apiP99 <= 100,
                        "raw H2 prepared statement p99", rawP99, sizes),
                Row.info("1", "barcode map build", buildMs, "ms", String.format(
                        "in-memory barcode → product map (decision 0006), built once at start; heap after GC grew %.0f MiB", heapMiB)),
                Row.info("1", "barcode lookup p50", Samples.micros(api.percentile(50)), "µs",
                        String.format("raw p50 %.1f µs; API p99.9 %.1f µs, max %.0f µs", Samples.micros(raw.percentile(50)),
                                Samples.micros(api.percentile(99.9)), Samples.micros(api.max()))));
    }

    private static void lookup(PreparedStatement ps, String code) throws java.sql.SQLException {
        ps.setString(1, code);
        try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                for (int i = 1; i <= 10; i++) {
                    rs.getObject(i);
                }
            }
        }
    }

    static String[] codes(int skus, int n, long seed) {
        Random r = new Random(seed);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = DemoCatalog.primaryBarcode(r.nextInt(skus));
        }
        return out;
    }
}
