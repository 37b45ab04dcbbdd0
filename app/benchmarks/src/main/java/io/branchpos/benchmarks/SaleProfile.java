package io.branchpos.benchmarks;

import io.branchpos.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Profiling aid for target 4 (not run by {@link BenchMain}): the benchmark's sale step
 * ({@link SaleBench#run}) on an existing terminal store (e.g. a copy of the benchmark's), so the same
 * store can be measured again and again, under {@code perf sched} or {@code strace}. Writes
 * {@code sale-phases.csv} into WORK and prints the rows and the selling thread's id.
 *
 * <p>{@code java -cp ... io.branchpos.benchmarks.SaleProfile STORE_DIR WORK_DIR}
 */
public final class SaleProfile {
    private SaleProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[1]);
        Files.createDirectories(work);
        System.out.println("selling thread " + Path.of("/proc/thread-self").toRealPath().getFileName());
        try (LocalStore store = Stores.open(Path.of(args[0]))) {
            for (Row row : SaleBench.run(store, Scale.named("full"), work, 0)) {
                System.out.println(row);
            }
        }
    }
}
