package io.branchpos.store.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bootstrap speed of the apply path; runs only when asked: -Dfeed.bench.products=5000 (or 200000). */
class FeedApplyBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void bootstrapApplyRate() {
        Assumptions.assumeTrue(Integer.getInteger("feed.bench.products") != null, "benchmark: set -Dfeed.bench.products=N");
        int products = Integer.getInteger("feed.bench.products");
        int pageSize = Integer.getInteger("feed.bench.page", 5_000); // changes per page (a product and its price each)
        try (LocalStore store = TestStores.open(dir)) {
            FeedStore feed = new FeedStore(store);
            feed.apply("0", List.of(FeedStoreTest.tax("STD", "19")), "0.1", true, products * 2L);
            String cursor = "0.1";
            long start = System.nanoTime();
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            for (int p = 0; p < products; p += pageSize / 2) {
                List<FeedEntry> page = new ArrayList<>(pageSize);
                for (int i = p; i < Math.min(products, p + pageSize / 2); i++) {
                    String sku = "S" + i;
                    page.add(FeedStoreTest.product(sku, "Product " + i, true, false, String.format("29%011d", i)));
                    page.add(FeedStoreTest.price(sku, "1.99", from, i + 1));
                }
                String next = "1." + (p + 1);
                feed.apply(cursor, page, next, p + pageSize / 2 < products, 0);
                cursor = next;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            long cpuMs = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1_000_000;
            System.out.printf("feed apply: %d products in %d ms, %d ms CPU of this thread (%.0f products/s)%n", products, ms, cpuMs,
                    products * 1000.0 / Math.max(1, ms));
            assertEquals(products, new CatalogRepository(store).countProducts());
        }
    }
}
