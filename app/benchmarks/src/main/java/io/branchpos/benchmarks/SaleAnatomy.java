package io.branchpos.benchmarks;

import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.sale.SalesRepository;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;

/**
 * Profiling aid for target 4 (not run by {@link BenchMain}): completes sales on an existing
 * terminal store (e.g. a copy of the benchmark's), then reads the MVStore chunks those commits
 * wrote and says how many bytes each H2 map (table or index) took in them.
 *
 * <p>{@code java -cp ... io.branchpos.benchmarks.SaleAnatomy DIR SALES SKUS [times-only]}
 */
public final class SaleAnatomy {
    private SaleAnatomy() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int skus = Integer.parseInt(args[2]);
        boolean chunks = args.length < 4 || !args[3].equals("times-only");
        Path file = dir.resolve("branchpos.mv.db");
        int lastChunkBefore;
        Map<Integer, String> objectNames;
        try (LocalStore store = Stores.open(dir)) {
            CatalogRepository catalog = new CatalogRepository(store);
            SalesRepository sales = new SalesRepository(store);
            Random r = new Random(7);
            for (int i = 0; i < 50; i++) {
                sales.complete(SalesHistory.randomSale(store, catalog, skus, r));
            }
            List<CompletedSale> todo = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                todo.add(SalesHistory.randomSale(store, catalog, skus, r));
            }
            lastChunkBefore = chunks ? lastChunk(file) : 0;
            long size0 = Files.size(file);
            long[] io0 = ProcIo.read();
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long allocated0 = threads.getCurrentThreadAllocatedBytes();
            Samples s = new Samples();
            for (CompletedSale sale : todo) {
                long t0 = System.nanoTime();
                sales.complete(sale);
                s.add(System.nanoTime() - t0);
            }
            long[] io1 = ProcIo.read();
            System.out.printf("selling thread: %.3f ms CPU and %.0f KiB allocated per sale%n",
                    (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / n,
                    (threads.getCurrentThreadAllocatedBytes() - allocated0) / 1024.0 / n);
            System.out.printf("%d sales: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms; wchar %.1f KiB/sale,"
                    + " write_bytes %.1f KiB/sale, file +%.1f KiB/sale%n", n, Samples.millis(s.percentile(50)),
                    Samples.millis(s.percentile(90)), Samples.millis(s.percentile(99)), Samples.millis(s.max()),
                    (io1[0] - io0[0]) / 1024.0 / n, (io1[1] - io0[1]) / 1024.0 / n,
                    (Files.size(file) - size0) / 1024.0 / n);
            phases();
            objectNames = store.jdbc(SaleAnatomy::objectNames);
        }
        if (chunks) {
            chunkReport(file, lastChunkBefore, objectNames);
        }
    }

    /** Per-phase times, if the store was built with the temporary phase counters (profiling only). */
    private static void phases() {
        try {
            java.lang.reflect.Field f = LocalStore.class.getDeclaredField("PHASE_NANOS");
            long[] p = (long[]) f.get(null);
            long count = p[0];
            String[] names = {"work (Hibernate persist, head lock)", "flush (SQL)", "commit", "CHECKPOINT SYNC"};
            for (int i = 1; i < p.length && i <= names.length; i++) {
                System.out.printf("  %-40s %.3f ms per write%n", names[i - 1], p[i] / 1e6 / count);
            }
        } catch (ReflectiveOperationException e) {
            System.out.println("(no phase counters in this build)");
        }
    }

    /** H2 object id to SQL name, to name the maps ("table.N", "index.N"). */
    private static Map<Integer, String> objectNames(java.sql.Connection c) throws java.sql.SQLException {
        Map<Integer, String> names = new TreeMap<>();
        org.h2.engine.SessionLocal session = (org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class)
                .getSession();
        for (org.h2.table.Table t : session.getDatabase().getAllTablesAndViews()) {
            names.put(t.getId(), t.getName());
            for (org.h2.index.Index i : t.getIndexes()) {
                names.put(i.getId(), i.getName());
            }
        }
        return names;
    }

    private static int lastChunk(Path file) {
        int max = 0;
        Matcher m = CHUNK.matcher(dump(file));
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1), 16));
        }
        return max;
    }

    private static final Pattern CHUNK = Pattern.compile("chunk:([0-9a-f]+),");
    private static final Pattern MAP_LINE = Pattern.compile("map ([0-9a-f]+): (\\d+) bytes");

    private static String dump(Path file) {
        StringWriter w = new StringWriter();
        MVStoreTool.dump(file.toString(), w, false);
        return w.toString();
    }

    /** Bytes per map in the chunks written after {@code afterChunk}, largest first. */
    private static void chunkReport(Path file, int afterChunk, Map<Integer, String> objectNames) {
        String dump = dump(file);
        Map<Integer, Long> bytesByMap = new TreeMap<>();
        int chunks = 0;
        long chunkBytes = 0;
        boolean in = false;
        for (String line : dump.split("\n")) {
            Matcher c = CHUNK.matcher(line);
            if (c.find() && line.contains("block:")) {
                int id = Integer.parseInt(c.group(1), 16);
                in = id > afterChunk;
                if (in) {
                    chunks++;
                    Matcher len = Pattern.compile("len:([0-9a-f]+)").matcher(line);
                    if (len.find()) {
                        chunkBytes += Long.parseLong(len.group(1), 16) * 4096;
                    }
                }
                continue;
            }
            Matcher m = MAP_LINE.matcher(line);
            if (in && m.find()) {
                bytesByMap.merge(Integer.parseInt(m.group(1), 16), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        Map<Integer, String> names = new TreeMap<>();
        MVStore mv = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            for (Integer id : bytesByMap.keySet()) {
                String name = String.valueOf(mv.getMapName(id));
                int dot = name.indexOf('.');
                if (dot > 0 && (name.startsWith("table.") || name.startsWith("index."))) {
                    try {
                        name = name + " " + objectNames.get(Integer.parseInt(name.substring(dot + 1)));
                    } catch (NumberFormatException e) {
                        // not an object id
                    }
                }
                names.put(id, name);
            }
        } finally {
            mv.close();
        }
        System.out.printf("%d chunks after chunk %x, %,d bytes in blocks (%,d per chunk)%n", chunks, afterChunk,
                chunkBytes, chunks == 0 ? 0 : chunkBytes / chunks);
        int n = chunks;
        bytesByMap.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> System.out.printf("  map %3x %-40s %,12d bytes  %,8d per chunk%n", e.getKey(),
                        names.get(e.getKey()), e.getValue(), n == 0 ? 0 : e.getValue() / n));
    }
}
