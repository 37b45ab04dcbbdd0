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
 * <p>{@code java -cp ... io.branchpos.benchmarks.SaleProfile STORE_DIR WORK_DIR [WARM_UP_SALES]}
 */
public final class SaleProfile {
    private SaleProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[1]);
        Files.createDirectories(work);
        System.out.println("selling thread " + Path.of("/proc/thread-self").toRealPath().getFileName());
        try (LocalStore store = Stores.open(Path.of(args[0]))) {
            Thread watch = unsavedMemoryWatch(store);
            for (Row row : SaleBench.run(store, Scale.named("full"), work, 0,
                    args.length > 2 ? Integer.parseInt(args[2]) : Scale.named("full").sales() / 10)) {
                System.out.println(row);
            }
            watch.interrupt();
            watch.join(1000);
        }
    }

    /**
     * Samples H2's unsaved page memory (what its auto-commit compares with its threshold) every 5 ms
     * and prints the highest value seen and the threshold at the end: whether H2 stores on its own
     * between the sale log's checkpoints.
     */
    private static Thread unsavedMemoryWatch(LocalStore store) {
        Thread t = new Thread(() -> store.jdbc(c -> {
            org.h2.mvstore.MVStore mv = ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class)
                    .getSession()).getDatabase().getStore().getMvStore();
            int max = 0;
            while (!Thread.currentThread().isInterrupted()) {
                max = Math.max(max, mv.getUnsavedMemory());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    break;
                }
            }
            System.out.printf("H2 unsaved memory: highest %,d bytes, auto-commit threshold %,d bytes%n", max,
                    mv.getAutoCommitMemory());
            return null;
        }), "unsaved-memory-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
