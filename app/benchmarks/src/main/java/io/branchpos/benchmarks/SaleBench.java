package io.branchpos.benchmarks;

import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.sale.SalesRepository;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Target 4: {@link SalesRepository#complete} (sale rows + journal event in one transaction, durable
 * through the sale log since decision 0014: its record appended and forced, then H2 commits lazily)
 * on the store with 200k SKUs and a large sales history, against two floors on the same disk: a
 * 2 KiB append + {@code force} (fdatasync) on a preallocated file (the sale log's own limit) and one-row
 * commits plus {@code CHECKPOINT SYNC} on a fresh H2 file (the limit while H2 was the durability point). Bytes written
 * per sale come from {@code /proc/self/io} {@code wchar}: the bytes this process handed to the
 * kernel. Its {@code write_bytes} is kept in the notes only: on this kernel (6.18, ext4 with large
 * folios) it counts every page-cache folio a write dirties at the folio's whole size — 100 random
 * 4 KiB writes into a cached 64 MiB file counted 43.8 MB — so it measured folio sizes, not the sale.
 */
final class SaleBench {
    private SaleBench() {
    }

    static List<Row> run(LocalStore store, Scale scale, Path work, long historySales) throws Exception {
        return run(store, scale, work, historySales, Math.max(10, scale.sales() / 10));
    }

    /** {@link #run} with {@code warm} untimed sales first (the benchmark: a tenth of the timed ones). */
    static List<Row> run(LocalStore store, Scale scale, Path work, long historySales, int warm) throws Exception {
        CatalogRepository catalog = new CatalogRepository(store);
        SalesRepository sales = new SalesRepository(store);
        Random r = new Random(5);
        for (int i = 0; i < warm; i++) {
            sales.complete(SalesHistory.randomSale(store, catalog, scale.skus(), r));
        }
        List<CompletedSale> todo = randomSales(store, catalog, scale, r);
        Path dbFile = store.config().dataDirectory().resolve("branchpos.mv.db");
        long sizeBefore = Files.size(dbFile);
        long[] io0 = ProcIo.read();
        Timed t = Timed.sell(store, sales, todo);
        // H2 commits sales lazily (decision 0014): write and sync what they left in memory before
        // counting, so their bytes are all in (the timed loop above did not wait for this)
        store.jdbc(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC");
            }
            return null;
        });
        long[] io1 = ProcIo.read();
        t.writePhases(work.resolve("sale-phases.csv"));
        long sizeAfter = Files.size(dbFile);
        // the same number of sales again, right after: the first timed sales run while the JIT still
        // compiles the sale path (a till sells all day in one JVM); see docs/benchmarks.md, session 7
        Timed again = Timed.sell(store, sales, randomSales(store, catalog, scale, r));
        again.writePhases(work.resolve("sale-phases-warm.csv"));
        RawCommit raw = rawCommits(work.resolve("raw-commit"), scale.rawCommits());
        Samples appendPre = rawAppends(work.resolve("raw-log"), scale.rawCommits(), true);
        Samples appendGrow = rawAppends(work.resolve("raw-log"), scale.rawCommits(), false);
        double p99 = Samples.millis(t.samples.percentile(99));
        double p99Warm = Samples.millis(again.samples.percentile(99));
        double rawH2 = Samples.millis(raw.samples.percentile(99));
        double perSale = (io1[0] - io0[0]) / (double) todo.size();
        double rawAppendP99 = Samples.millis(appendPre.percentile(99));
        return List.of(
                t.phaseRow("complete a sale: the slowest 1 % by phase", warm),
                Row.measured("4", "complete a sale p99 (fsynced)", p99, "ms", "<= 2 ms", p99 <= 2,
                        "raw 2 KiB append + fdatasync, preallocated file p99", rawAppendP99,
                        String.format("%,d SKUs, %,d past sales, %,d sales of %.1f lines avg; p50 %.2f ms, max %.1f ms;"
                                + " raw append p50 %.3f ms; growing file: p50 %.3f, p99 %.3f ms",
                                scale.skus(), historySales, todo.size(), t.lines / (double) todo.size(),
                                Samples.millis(t.samples.percentile(50)), Samples.millis(t.samples.max()),
                                Samples.millis(appendPre.percentile(50)), Samples.millis(appendGrow.percentile(50)),
                                Samples.millis(appendGrow.percentile(99)))),
                Row.measured("4", "complete a sale p99, once the JIT has compiled the sale path", p99Warm, "ms",
                        "<= 2 ms", p99Warm <= 2, "raw 2 KiB append + fdatasync, preallocated file p99", rawAppendP99,
                        String.format("the next %,d sales right after the row above (%,d sales after the JVM's first),"
                                + " the same way: p50 %.2f ms, max %.1f ms; the slowest 1 %%: %s", again.n,
                                warm + todo.size(), Samples.millis(again.samples.percentile(50)),
                                Samples.millis(again.samples.max()), again.slowest())),
                Row.compared("4", "complete a sale p99 vs raw H2 commit", p99, "ms",
                        "raw H2 one-row commit + CHECKPOINT SYNC p99", rawH2,
                        String.format("the durability point before decision 0014; raw H2 p50 %.3f ms",
                                Samples.millis(raw.samples.percentile(50)))),
                Row.compared("4", "bytes written per sale", perSale / 1024.0, "KiB",
                        "raw one-row commit + fsync", raw.bytesPerCommit / 1024.0,
                        String.format("/proc/self/io wchar (bytes handed to the kernel: sale log records, H2's lazy"
                                + " chunks and checkpoints, one CHECKPOINT SYNC after the sales); write_bytes %.1f KiB/sale"
                                + " (counts whole page-cache folios, see docs/benchmarks.md); DB file grew %.1f KiB/sale",
                                (io1[1] - io0[1]) / (double) todo.size() / 1024.0,
                                (sizeAfter - sizeBefore) / (double) todo.size() / 1024.0)));
    }

    private static List<CompletedSale> randomSales(LocalStore store, CatalogRepository catalog, Scale scale, Random r) {
        List<CompletedSale> todo = new ArrayList<>(scale.sales());
        for (int i = 0; i < scale.sales(); i++) {
            todo.add(SalesHistory.randomSale(store, catalog, scale.skus(), r));
        }
        return todo;
    }

    /**
     * Sales completed back to back on the calling thread, each timed with its phases, whether a GC or a
     * checkpoint that empties a sale log ran meanwhile, and the selling thread's time on a core and
     * waiting for one (the kernel's schedstat).
     */
    private static final class Timed {
        final int n;
        final Samples samples = new Samples();
        final long[] totals;
        final long[][] phases;
        final boolean[] gc;
        final boolean[] checkpoint;
        final long[] startedMs;
        final long[][] sched;
        int lines;
        double allocatedPerSale;
        double cpuPerSale;
        double jitShare;

        private Timed(int n) {
            this.n = n;
            totals = new long[n];
            phases = new long[n][];
            gc = new boolean[n];
            checkpoint = new boolean[n];
            startedMs = new long[n];
            sched = new long[n][];
        }

        static Timed sell(LocalStore store, SalesRepository sales, List<CompletedSale> todo) {
            Timed t = new Timed(todo.size());
            ThreadSched threadSched = ThreadSched.open();
            java.lang.management.RuntimeMXBean vm = java.lang.management.ManagementFactory.getRuntimeMXBean();
            long gcs = TillJvm.collections();
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long allocated0 = threads.getCurrentThreadAllocatedBytes();
            long cpu0 = threads.getCurrentThreadCpuTime();
            java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
            long jit0 = jit == null ? 0 : jit.getTotalCompilationTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < t.n; i++) {
                CompletedSale sale = todo.get(i);
                t.lines += sale.lines().size();
                t.startedMs[i] = vm.getUptime();
                long marks0 = store.saleLogCheckpointMarks();
                long cpuBefore = threadSched.onCpu();
                long waitBefore = threadSched.waitingForCpu();
                long t0 = System.nanoTime();
                sales.complete(sale);
                long took = System.nanoTime() - t0;
                t.sched[i] = new long[] {threadSched.onCpu() - cpuBefore, threadSched.waitingForCpu() - waitBefore};
                long marks1 = store.saleLogCheckpointMarks();
                t.checkpoint[i] = marks1 != marks0 || (marks0 & 1) == 1; // one started, ended or ran throughout
                t.samples.add(took);
                t.totals[i] = took;
                t.phases[i] = store.lastLoggedWritePhases();
                long g = TillJvm.collections();
                t.gc[i] = g != gcs;
                gcs = g;
            }
            // bytes the selling thread allocated per sale (with the few per-sale bytes of this loop's bookkeeping)
            t.allocatedPerSale = (threads.getCurrentThreadAllocatedBytes() - allocated0) / (double) t.n;
            t.cpuPerSale = (threads.getCurrentThreadCpuTime() - cpu0) / (double) t.n;
            // the compiler threads' compile time (wall) while the sales ran: on 2 cores they take a core
            t.jitShare = jit == null ? 0 : (jit.getTotalCompilationTime() - jit0) / ((System.nanoTime() - wall0) / 1e6);
            threadSched.close();
            return t;
        }

        /** Every timed sale with its phases (µs), for lining slow ones up with -Xlog:gc (JVM uptime in ms). */
        void writePhases(Path file) throws IOException {
            StringBuilder b = new StringBuilder("uptime_ms,total_us");
            for (String name : LocalStore.PHASE_NAMES_LIST) {
                b.append(',').append(name.replace(' ', '_'));
            }
            b.append(",gc,checkpoint,on_cpu_us,waiting_for_a_core_us\n");
            for (int i = 0; i < n; i++) {
                b.append(startedMs[i]).append(',').append(totals[i] / 1000);
                for (long p : phases[i]) {
                    b.append(',').append(p / 1000);
                }
                b.append(',').append(gc[i] ? 1 : 0).append(',').append(checkpoint[i] ? 1 : 0)
                        .append(',').append(sched[i][0] / 1000).append(',').append(sched[i][1] / 1000).append('\n');
            }
            Files.writeString(file, b);
        }

        /**
         * Where the time of the slowest 1 % of sales went: the mean of each phase of
         * {@link LocalStore#writeLogged} over the sales at or above p99 (the rest is outside the write
         * lock: the repository, the connection pool, the commit listeners), the selling thread's state
         * meanwhile, and how many of them saw a garbage collection or a checkpoint.
         */
        Row phaseRow(String metric, int warm) {
            return Row.info("4", metric, slowMean(), "ms", slowest() + String.format(
                    "; the selling thread allocated %.0f KiB and used %.3f ms of CPU per sale (first tenth of the sales"
                            + " %.3f, last tenth %.3f, by the kernel's count); compilations ran %.0f %% of the time the"
                            + " sales ran (compile time summed over the JIT's threads, after %d warm-up sales)",
                    allocatedPerSale / 1024, cpuPerSale / 1e6, tenthCpu(0), tenthCpu(9), 100 * jitShare, warm));
        }

        private double slowMean() {
            long p99 = samples.percentile(99);
            double sum = 0;
            int k = 0;
            for (long total : totals) {
                if (total >= p99) {
                    sum += total;
                    k++;
                }
            }
            return sum / k / 1e6;
        }

        String slowest() {
            long p99 = samples.percentile(99);
            List<String> names = LocalStore.PHASE_NAMES_LIST;
            double[] slow = new double[names.size()];
            double[] all = new double[names.size()];
            double slowTotal = 0;
            double allTotal = 0;
            double[] slowSched = new double[2];
            double[] allSched = new double[2];
            int k = 0;
            int withGc = 0;
            int withCheckpoint = 0;
            int gcs = 0;
            int checkpoints = 0;
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < names.size(); p++) {
                    all[p] += phases[i][p];
                }
                allTotal += totals[i];
                allSched[0] += sched[i][0];
                allSched[1] += sched[i][1];
                gcs += gc[i] ? 1 : 0;
                checkpoints += checkpoint[i] ? 1 : 0;
                if (totals[i] >= p99) {
                    k++;
                    slowTotal += totals[i];
                    withGc += gc[i] ? 1 : 0;
                    withCheckpoint += checkpoint[i] ? 1 : 0;
                    slowSched[0] += sched[i][0];
                    slowSched[1] += sched[i][1];
                    for (int p = 0; p < names.size(); p++) {
                        slow[p] += phases[i][p];
                    }
                }
            }
            StringBuilder notes = new StringBuilder(String.format(
                    "mean ms of the %d sales at or above p99 (all sales' mean in brackets): total %.2f (%.2f)", k,
                    slowTotal / k / 1e6, allTotal / n / 1e6));
            double slowPhases = 0;
            double allPhases = 0;
            for (int p = 0; p < names.size(); p++) {
                notes.append(String.format("; %s %.3f (%.3f)", names.get(p), slow[p] / k / 1e6, all[p] / n / 1e6));
                slowPhases += slow[p];
                allPhases += all[p];
            }
            notes.append(String.format("; outside these %.3f (%.3f); by the selling thread's state (the kernel's"
                    + " schedstat): on a core %.3f (%.3f), runnable but waiting for a core %.3f (%.3f), off the run queue"
                    + " (I/O, locks, sleeping, GC) %.3f (%.3f)", (slowTotal - slowPhases) / k / 1e6,
                    (allTotal - allPhases) / n / 1e6, slowSched[0] / k / 1e6, allSched[0] / n / 1e6,
                    slowSched[1] / k / 1e6, allSched[1] / n / 1e6, (slowTotal - slowSched[0] - slowSched[1]) / k / 1e6,
                    (allTotal - allSched[0] - allSched[1]) / n / 1e6));
            notes.append(String.format("; %d of them saw a GC (%d of all %d sales); %d of them ran while a checkpoint"
                    + " emptied a sale log (%d of all)", withGc, gcs, n, withCheckpoint, checkpoints));
            return notes.toString();
        }

        /** Mean ms on a core of the sales in tenth {@code t} (0..9) of the timed sales, by the kernel's count. */
        private double tenthCpu(int t) {
            int from = n * t / 10;
            int to = n * (t + 1) / 10;
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += sched[i][0];
            }
            return to == from ? 0 : sum / (to - from) / 1e6;
        }
    }

    /**
     * The same sales in a till's JVM: a child JVM with the installers' JVM options (SerialGC, a 256 MB
     * heap, C1 only; as target 5's probe and target 7's till row) completes {@code scale.sales()} sales
     * on the terminal store after a warm-up. Run after the targets that read the store's journal
     * (6, 8), so their event counts are those of the headline run. {@code floorMs}: the sale log's
     * floor (2 KiB append + fdatasync p99) measured by {@link #run} in the same run, or null.
     */
    static Row tillJvm(Path terminalDir, Scale scale, Path work, Double floorMs) {
        String metric = "complete a sale p99, installers' JVM options";
        try {
            BenchMain.step("target 4: complete a sale in a till's JVM (child JVM)");
            String[] f = TillJvm.run(SaleTillChild.class, List.of(terminalDir.toString(), Integer.toString(scale.skus()),
                    Integer.toString(scale.sales())), work.resolve("sale-till-child.log"), 5, "till-JVM sales");
            double p99 = Double.parseDouble(f[1]);
            return Row.measured("4", metric, p99, "ms", "<= 2 ms", p99 <= 2,
                    floorMs == null ? null : "raw 2 KiB append + fdatasync, preallocated file p99 (row above)", floorMs, String.format(
                    "the same %,d sales in a child JVM with %s (installers/client-jvm-options, a till's JVM); p50 %.2f ms,"
                            + " max %.1f ms; %s of the sales saw a collection; %s collections, %.2f s in GC (%s)",
                    scale.sales(), TillJvm.options(), Double.parseDouble(f[0]), Double.parseDouble(f[2]), f[3],
                    f[4], Long.parseLong(f[5]) / 1e3, f.length > 6 ? f[6] : "?"));
        } catch (Exception e) {
            return Row.notMeasurable("4", metric, "FAILED: " + e.getMessage());
        }
    }

    private record RawCommit(Samples samples, double bytesPerCommit) {
    }

    /**
     * {@code n} appends of 2 KiB (about a sale's log record), each forced with {@code force(false)}
     * (fdatasync): into a file preallocated with zeros as the sale log is, or growing at its end.
     */
    private static Samples rawAppends(Path dir, int n, boolean preallocated) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(preallocated ? "preallocated" : "growing");
        Files.deleteIfExists(file);
        int record = 2048;
        int warm = Math.max(10, n / 10);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (preallocated) {
                ByteBuffer zeros = ByteBuffer.allocate(4096); // page by page, as the sale log (decision 0022)
                for (long p = 0; p < (long) record * (warm + n) + 4096; p += zeros.capacity()) {
                    zeros.clear();
                    ch.write(zeros, p);
                }
                ch.force(true);
            }
            ByteBuffer b = ByteBuffer.allocate(record);
            new Random(4).nextBytes(b.array());
            Samples s = new Samples();
            long pos = 4096;
            for (int i = 0; i < warm + n; i++) {
                long t0 = System.nanoTime();
                b.clear();
                while (b.hasRemaining()) {
                    pos += ch.write(b, pos);
                }
                ch.force(false);
                if (i >= warm) {
                    s.add(System.nanoTime() - t0);
                }
            }
            return s;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static RawCommit rawCommits(Path dir, int n) throws SQLException, IOException {
        Files.createDirectories(dir);
        String payload = "x".repeat(200);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("raw").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE", "raw", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS t(id BIGINT PRIMARY KEY, v VARCHAR(400))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                Samples s = new Samples();
                long[] io0 = null;
                int warm = Math.max(10, n / 10);
                for (int i = 0; i < warm + n; i++) {
                    if (i == warm) {
                        io0 = ProcIo.read();
                    }
                    long t0 = System.nanoTime();
                    ps.setLong(1, i);
                    ps.setString(2, payload);
                    ps.executeUpdate(); // auto-commit: one row, one transaction
                    st.execute("CHECKPOINT SYNC");
                    if (i >= warm) {
                        s.add(System.nanoTime() - t0);
                    }
                }
                long[] io1 = ProcIo.read();
                return new RawCommit(s, (io1[0] - io0[0]) / (double) n);
            }
        }
    }
}
