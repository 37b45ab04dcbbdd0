package io.branchpos.store.durability;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.sale.SalesRepository;
import io.branchpos.store.TestStores;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * Child JVM of the fsync evidence test: opens a store, prints "BEGIN", completes N sales, prints
 * "END" with the bytes this process wrote meanwhile (/proc/self/io wchar), then exits. Run under
 * strace, the number of fsync/fdatasync calls between the runs shows what a sale commit costs.
 */
public final class CommitProbe {
    private CommitProbe() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out; // command-line entry point of a test harness
        Path dir = Path.of(args[0]);
        int sales = Integer.parseInt(args[1]);
        StoreConfig.Durability durability = StoreConfig.Durability.valueOf(args[2]);
        Clock clock = Clock.systemUTC();
        try (LocalStore store = LocalStore.open(new StoreConfig(dir, "T-001", clock,
                new UuidV7Generator(clock, new SecureRandom()), durability))) {
            CatalogRepository catalog = new CatalogRepository(store);
            if (catalog.countProducts() == 0) {
                catalog.importAll(new DemoCatalog(20, 42), DemoCatalog.RATES);
            }
            Product p = catalog.findBySku("000001").orElseThrow();
            SalesRepository repo = new SalesRepository(store);
            repo.complete(TestStores.cashSale(store, List.of(p))); // warm-up outside the measured window
            long before = wchar();
            marker(dir.resolve("begin.marker"));
            out.println("BEGIN");
            for (int i = 0; i < sales; i++) {
                repo.complete(TestStores.cashSale(store, List.of(p, p)));
            }
            long after = wchar();
            marker(dir.resolve("end.marker"));
            out.println("END wchar=" + (after - before));
        }
    }

    /** An fsync on a named file that the strace log shows, to bracket the measured sales. */
    private static void marker(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static long wchar() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        return -1;
    }
}
