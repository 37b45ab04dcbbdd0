package io.branchpos.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What limits each target, as profiled (docs/benchmarks.md has the measurements behind each
 * paragraph). The summary prints the paragraph of every target that a run misses, so a reader of
 * results.md sees why next to the table instead of only a "no".
 */
final class Limits {
    private Limits() {
    }

    /** Per target, what limits it; keep in step with docs/benchmarks.md when a round of work changes it. */
    static final Map<String, String> BY_TARGET = Map.ofEntries(
            Map.entry("1", "The in-memory barcode map answers a look-up in a few microseconds; a miss here would be"
                    + " the machine (GC or a descheduled thread), not the store."),
            Map.entry("2", "The in-memory gram index answers every kind of query in a few milliseconds; the slowest"
                    + " are short prefixes with many hits, ranked in full."),
            Map.entry("3", "A JavaFX scene shows a change only at its next pulse: the line waits for the pulse timer's"
                    + " next tick (8 ms at the app's 125 Hz, decision 0311) plus CSS and layout of the ticket. The"
                    + " minimal scene of the same run is the floor; the app's distance to it is the Enter handler and"
                    + " the ticket's own layout."),
            Map.entry("4", "The durability point is the sale log's append + fdatasync (the raw floor of the same"
                    + " run). The slow sales wait on no lock (JFR, session 7): they wait for a core, for the"
                    + " disk when their fdatasync meets a checkpoint's fsync (H2 serialising the logged sales'"
                    + " pages on its own thread, ~1,500 pages per ~600 sales because each line dirties a random"
                    + " leaf of sale_line_serial), for the JIT while the sale path is still being compiled (the"
                    + " row \"once the JIT has compiled the sale path\"), and in a till's small heap for a young"
                    + " collection. See the rows \"the slowest 1 % by phase\" and its run-queue split."),
            Map.entry("5", "A start is a JVM start (classes from the AppCDS archive, C1 compiling: ~0.8 s of CPU"
                    + " before ready, the largest part), the JavaFX toolkit and first scene (~0.85 s of FX-thread"
                    + " CPU), the store's open with Flyway's validation and the PIN check (PBKDF2), the saved"
                    + " catalog files read into the barcode map and search index beside it; on two cores at most"
                    + " two of these overlap, so a loaded machine stretches the start directly."),
            Map.entry("6", "Every event crosses three parts on two cores: the terminal (outbox read, JSON, gzip: ~31 µs"
                    + " of CPU per event warm), HQ's HTTP thread (parse, validate, hash: ~40 µs) and PostgreSQL"
                    + " (event row of ~1.5 KB, sale, lines, stock movements, the terminal's mark, commit: ~56 µs),"
                    + " plus the JIT (C2 ~32 µs warm, far more cold). 20,000 events/s needs <= 100 µs per event"
                    + " for all of it; PostgreSQL's COPY of the same rows (the limit) spends less than a third"
                    + " of that because it writes the event rows without projections, protocol or HTTP."),
            Map.entry("7", "The terminal writes 200,000 products (with HQ's text since decision 0264), ~450,000"
                    + " barcodes and 200,000 prices into H2, ~12 index entries per SKU, each paid again by H2's"
                    + " commit walk, while parsing HQ's snapshot stream (the store's one-transaction import of"
                    + " the same catalog, row \"bulk import\", is of the same order); ~3 s pass before the snapshot's"
                    + " first byte while HQ folds its feed (two sorts of full rows; a larger work_mem did not"
                    + " shorten it); in a till's 256 MB heap, collections add to it. The load runs at the speed"
                    + " of H2 code the JIT has compiled: run alone (--only 7, session 7, work_mem raised) the snapshot load took 14.0 s instead of 7.7."),
            Map.entry("8", "500 closed-loop terminals share two cores with the server(s) and PostgreSQL: latency is"
                    + " the queue in front of PostgreSQL's commits, throughput is its commits per second of small"
                    + " batches."));

    /** The targets whose goal rows include one that was measured and missed, in order. */
    static Set<String> missed(List<Row> rows) {
        Set<String> missed = new TreeSet<>();
        for (Row r : rows) {
            if (Boolean.FALSE.equals(r.met())) {
                missed.add(r.target());
            }
        }
        return missed;
    }

    /** The Markdown section for the missed targets; empty when every measured goal was met. */
    static String section(List<Row> rows) {
        Map<String, String> paragraphs = new LinkedHashMap<>();
        for (String target : missed(rows)) {
            paragraphs.put(target, BY_TARGET.getOrDefault(target, "Not profiled yet."));
        }
        if (paragraphs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n## What limits the missed targets\n\n");
        paragraphs.forEach((target, text) -> b.append("- **").append(target).append(":** ").append(text)
                .append("\n"));
        b.append("\nMeasurements behind each paragraph: docs/benchmarks.md.\n");
        return b.toString();
    }
}
