package io.branchpos.benchmarks;

import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs the benchmarks of issue 9 and writes {@code results.json} and {@code results.md} (see
 * docs/benchmarks.md). Command-line entry point: prints progress and the table on stdout.
 *
 * <p>Options: {@code --out DIR} (default target/bench), {@code --scale full|smoke},
 * {@code --only 1,2,4} (targets to run; default all).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("target/bench");
        Scale scale = Scale.named("full");
        Set<String> only = new TreeSet<>(List.of("1", "2", "3", "4", "5", "6", "7", "8"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--scale" -> scale = Scale.named(args[++i]);
                case "--only" -> only = new TreeSet<>(Arrays.asList(args[++i].split(",")));
                default -> {
                    System.err.println("usage: BenchMain [--out DIR] [--scale full|smoke] [--only 1,2,...]");
                    System.exit(2);
                }
            }
        }
        List<Row> rows = run(out, scale, only);
        System.out.println();
        System.out.println(Files.readString(out.resolve("results.md")));
        System.out.println("results: " + out.resolve("results.json").toAbsolutePath());
        boolean broken = rows.stream().anyMatch(r -> r.note() != null && r.note().startsWith("FAILED"));
        System.exit(broken ? 1 : 0);
    }

    /** Runs the selected targets at {@code scale}; writes the reports to {@code out}; returns the rows. */
    public static List<Row> run(Path out, Scale scale, Set<String> only) throws IOException {
        long started = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Map<String, Object> machine = Machine.describe();
        Path work = out.resolve("work");
        deleteRecursively(work);
        Files.createDirectories(work);
        List<Row> rows = new ArrayList<>();
        Path terminalDir = work.resolve("terminal");
        int[] history = new int[1];
        boolean needStore = only.stream().anyMatch(t -> Set.of("1", "2", "3", "4", "5", "6", "8").contains(t));
        if (needStore) {
            LocalStore store = Stores.open(terminalDir);
            try {
                step("import " + scale.skus() + " SKUs");
                long a = System.nanoTime();
                new CatalogRepository(store).importAll(new DemoCatalog(scale.skus(), 42), DemoCatalog.RATES);
                double s = (System.nanoTime() - a) / 1e9;
                rows.add(Row.info("0", String.format("bulk import of %,d SKUs", scale.skus()), s, "s",
                        String.format("CatalogRepository.importAll, one transaction + fsync: %,.0f SKUs/s",
                                scale.skus() / s)));
                if (only.contains("1")) {
                    step("target 1: barcode lookup");
                    rows.addAll(guard("1", "barcode lookup", () -> LookupBench.run(store, scale)));
                }
                if (only.contains("2")) {
                    step("target 2: name search");
                    rows.addAll(guard("2", "name search", () -> SearchBench.run(store, scale)));
                }
                if (only.stream().anyMatch(t -> Set.of("3", "4", "5", "6", "8").contains(t))) {
                    step("history: up to " + scale.salesHistory() + " past sales in " + scale.historyBudgetSeconds()
                            + " s, the last " + scale.catchUpEvents() + " not yet at HQ");
                    rows.addAll(guard("4", "sales history", () -> {
                        SalesHistory.Written w = SalesHistory.append(store, scale.skus(), scale.catchUpEvents(),
                                scale.salesHistory(), scale.historyBudgetSeconds() * 1_000_000_000L,
                                scale.catchUpEvents());
                        history[0] = w.sales();
                        return List.of(Row.info("0", String.format("generate %,d past sales", w.sales()),
                                w.nanos() / 1e9, "s", String.format("JDBC batches on two connections, hash-chained journal"
                                        + " (decision 0027): %,.0f sales/s; %s; target %,d, stopped by the %d s budget: %s",
                                        w.sales() / (w.nanos() / 1e9), w.detail(), scale.salesHistory(),
                                        scale.historyBudgetSeconds(), w.sales() < scale.salesHistory() ? "yes" : "no")));
                    }));
                }
                if (only.contains("4")) {
                    step("target 4: complete a sale");
                    rows.addAll(guard("4", "complete a sale",
                            () -> SaleBench.run(store, scale, work, history[0])));
                }
            } finally {
                store.close();
            }
        }
        if (only.contains("5") || only.contains("3")) {
            step("targets 5 and 3: app start, scan to screen");
            rows.addAll(guard("5", "app start", () -> AppBench.run(terminalDir, scale, only)));
        }
        if (only.contains("6") || only.contains("7") || only.contains("8")) {
            rows.addAll(guard("6", "HQ", () -> HqBench.run(work.resolve("hq"), terminalDir, scale, only)));
        }
        if (only.contains("4")) {
            Double floor = rows.stream().filter(r -> r.metric().equals("complete a sale p99 (fsynced)"))
                    .map(Row::limit).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            rows.add(SaleBench.tillJvm(terminalDir, scale, work, floor)); // after 6 and 8: its sales join the journal
        }
        rows.sort(Comparator.comparing(Row::target));
        machine.put("loadAverageAtEnd", Machine.loadAverage());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Report.write(out, machine, scale, started, seconds, rows);
        return rows;
    }

    /** A benchmark body that may fail. */
    interface Body {
        List<Row> run() throws Exception;
    }

    private static List<Row> guard(String target, String what, Body body) {
        long a = System.nanoTime();
        try {
            List<Row> rows = body.run();
            System.out.printf("  (%s took %.1f s)%n", what, (System.nanoTime() - a) / 1e9);
            for (Row r : rows) {
                System.out.println("  row " + r);
            }
            return rows;
        } catch (Exception | Error e) {
            e.printStackTrace();
            return List.of(Row.notMeasurable(target, what, "FAILED: " + e));
        }
    }

    static void step(String what) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), what);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
