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
        for (CompletedSale sale : todo) {
            lines += sale.lines().size();
            long t0 = System.nanoTime();
            sales.complete(sale);
            s.add(System.nanoTime() - t0);
        }
        // H2 commits sales lazily (decision 0014): write and sync what they left in memory before
        // counting, so their bytes are all in (the timed loop above did not wait for this)
        store.jdbc(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC");
            }
            return null;
        });
        long[] io1 = ProcIo.read();
        long sizeAfter = Files.size(dbFile);
        RawCommit raw = rawCommits(work.resolve("raw-commit"), scale.rawCommits());
        Samples appendPre = rawAppends(work.resolve("raw-log"), scale.rawCommits(), true);
        Samples appendGrow = rawAppends(work.resolve("raw-log"), scale.rawCommits(), false);
        double p99 = Samples.millis(s.percentile(99));
        double rawH2 = Samples.millis(raw.samples.percentile(99));
        double perSale = (io1[0] - io0[0]) / (double) todo.size();
        return List.of(
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
                ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
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
