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
        CatalogRepository catalog = new CatalogRepository(store);
        SalesRepository sales = new SalesRepository(store);
        Random r = new Random(5);
        int warm = Math.max(10, scale.sales() / 10);
        for (int i = 0; i < warm; i++) {
            sales.complete(SalesHistory.randomSale(store, catalog, scale.skus(), r));
        }
        List<CompletedSale> todo = new ArrayList<>(scale.sales());
        for (int i = 0; i < scale.sales(); i++) {
            todo.add(SalesHistory.randomSale(store, catalog, scale.skus(), r));
        }
        Path dbFile = store.config().dataDirectory().resolve("branchpos.mv.db");
        long sizeBefore = Files.size(dbFile);
        long[] io0 = ProcIo.read();
        Samples s = new Samples();
        int lines = 0;
        int n = todo.size();
        long[] totals = new long[n];
        long[][] phases = new long[n][];
        boolean[] gc = new boolean[n];
        boolean[] checkpoint = new boolean[n];
        long[] startedMs = new long[n];
        java.lang.management.RuntimeMXBean vm = java.lang.management.ManagementFactory.getRuntimeMXBean();
        long gcs = TillJvm.collections();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocated0 = threads.getCurrentThreadAllocatedBytes();
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            CompletedSale sale = todo.get(i);
            lines += sale.lines().size();
            startedMs[i] = vm.getUptime();
            long marks0 = store.saleLogCheckpointMarks();
            long t0 = System.nanoTime();
            sales.complete(sale);
            long t = System.nanoTime() - t0;
            long marks1 = store.saleLogCheckpointMarks();
            checkpoint[i] = marks1 != marks0 || (marks0 & 1) == 1; // one started, ended or ran throughout
            s.add(t);
            totals[i] = t;
            phases[i] = store.lastLoggedWritePhases();
            long g = TillJvm.collections();
            gc[i] = g != gcs;
            gcs = g;
        }
        // bytes the selling thread allocated per sale (with the few per-sale bytes of this loop's bookkeeping)
        double allocatedPerSale = (threads.getCurrentThreadAllocatedBytes() - allocated0) / (double) n;
        double cpuPerSale = (threads.getCurrentThreadCpuTime() - cpu0) / (double) n;
        // H2 commits sales lazily (decision 0014): write and sync what they left in memory before
        // counting, so their bytes are all in (the timed loop above did not wait for this)
        store.jdbc(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC");
            }
            return null;
        });
        long[] io1 = ProcIo.read();
        writePhases(work.resolve("sale-phases.csv"), startedMs, totals, phases, gc, checkpoint);
        long sizeAfter = Files.size(dbFile);
        RawCommit raw = rawCommits(work.resolve("raw-commit"), scale.rawCommits());
        Samples appendPre = rawAppends(work.resolve("raw-log"), scale.rawCommits(), true);
        Samples appendGrow = rawAppends(work.resolve("raw-log"), scale.rawCommits(), false);
        double p99 = Samples.millis(s.percentile(99));
        double rawH2 = Samples.millis(raw.samples.percentile(99));
        double perSale = (io1[0] - io0[0]) / (double) todo.size();
        return List.of(
                phaseRow(totals, phases, gc, checkpoint, s.percentile(99), allocatedPerSale, cpuPerSale),
                Row.measured("4", "complete a sale p99 (fsynced)", p99, "ms", "<= 2 ms", p99 <= 2,
                        "raw 2 KiB append + fdatasync, preallocated file p99", Samples.millis(appendPre.percentile(99)),
                        String.format("%,d SKUs, %,d past sales, %,d sales of %.1f lines avg; p50 %.2f ms, max %.1f ms;"
                                + " raw append p50 %.3f ms; growing file: p50 %.3f, p99 %.3f ms",
                                scale.skus(), historySales, todo.size(), lines / (double) todo.size(),
                                Samples.millis(s.percentile(50)), Samples.millis(s.max()),
                                Samples.millis(appendPre.percentile(50)), Samples.millis(appendGrow.percentile(50)),
                                Samples.millis(appendGrow.percentile(99)))),
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

    /** Every timed sale with its phases (µs), for lining slow ones up with -Xlog:gc (JVM uptime in ms). */
    private static void writePhases(Path file, long[] startedMs, long[] totals, long[][] phases, boolean[] gc,
            boolean[] checkpoint) throws IOException {
        StringBuilder b = new StringBuilder("uptime_ms,total_us");
        for (String name : LocalStore.PHASE_NAMES_LIST) {
            b.append(',').append(name.replace(' ', '_'));
        }
        b.append(",gc,checkpoint\n");
        for (int i = 0; i < totals.length; i++) {
            b.append(startedMs[i]).append(',').append(totals[i] / 1000);
            for (long p : phases[i]) {
                b.append(',').append(p / 1000);
            }
            b.append(',').append(gc[i] ? 1 : 0).append(',').append(checkpoint[i] ? 1 : 0).append('\n');
        }
        Files.writeString(file, b);
    }

    /**
     * Where the time of the slowest 1 % of sales went: the mean of each phase of
     * {@link LocalStore#writeLogged} over the sales at or above p99 (the rest is outside the write
     * lock: the repository, the connection pool, the commit listeners), and how many of them saw a
     * garbage collection.
     */
    private static Row phaseRow(long[] totals, long[][] phases, boolean[] gc, boolean[] checkpoint, long p99,
            double allocatedPerSale, double cpuPerSale) {
        List<String> names = LocalStore.PHASE_NAMES_LIST;
        double[] slow = new double[names.size()];
        double[] all = new double[names.size()];
        double slowTotal = 0;
        double allTotal = 0;
        int k = 0;
        int withGc = 0;
        int withCheckpoint = 0;
        for (int i = 0; i < totals.length; i++) {
            for (int p = 0; p < names.size(); p++) {
                all[p] += phases[i][p];
            }
            allTotal += totals[i];
            if (totals[i] >= p99) {
                k++;
                slowTotal += totals[i];
                withGc += gc[i] ? 1 : 0;
                withCheckpoint += checkpoint[i] ? 1 : 0;
                for (int p = 0; p < names.size(); p++) {
                    slow[p] += phases[i][p];
                }
            }
        }
        StringBuilder notes = new StringBuilder(String.format(
                "mean ms of the %d sales at or above p99 (all sales' mean in brackets): total %.2f (%.2f)", k,
                slowTotal / k / 1e6, allTotal / totals.length / 1e6));
        double slowPhases = 0;
        double allPhases = 0;
        for (int p = 0; p < names.size(); p++) {
            notes.append(String.format("; %s %.3f (%.3f)", names.get(p), slow[p] / k / 1e6,
                    all[p] / totals.length / 1e6));
            slowPhases += slow[p];
            allPhases += all[p];
        }
        int gcs = 0;
        int checkpoints = 0;
        for (int i = 0; i < gc.length; i++) {
            gcs += gc[i] ? 1 : 0;
            checkpoints += checkpoint[i] ? 1 : 0;
        }
        notes.append(String.format("; outside these %.3f (%.3f); %d of them saw a GC (%d of all %d sales);"
                + " %d of them ran while a checkpoint emptied a sale log (%d of all); the selling thread allocated"
                + " %.0f KiB and used %.3f ms of CPU per sale", (slowTotal - slowPhases) / k / 1e6,
                (allTotal - allPhases) / totals.length / 1e6, withGc, gcs, totals.length, withCheckpoint, checkpoints,
                allocatedPerSale / 1024, cpuPerSale / 1e6));
        return Row.info("4", "complete a sale: the slowest 1 % by phase", slowTotal / k / 1e6, "ms",
                notes.toString());
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
