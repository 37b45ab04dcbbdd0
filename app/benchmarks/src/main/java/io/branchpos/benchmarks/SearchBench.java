package io.branchpos.benchmarks;

import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogItem;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.catalog.TextNormalizer;
import io.branchpos.store.demo.DemoCatalog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Target 2: name search as you type through {@link CatalogRepository#search} (limit 50, as the
 * cashier screen asks), for five kinds of query, against a plain {@code LIKE '%q%'} scan of the
 * same queries on the indexed {@code name_norm} column.
 */
final class SearchBench {
    static final int LIMIT = 50;
    private static final String NOTHING_LETTERS = "qxzjvkw";

    private SearchBench() {
    }

    static List<Row> run(LocalStore store, Scale scale) {
        CatalogRepository catalog = new CatalogRepository(store);
        Map<String, List<String>> queries = queries(scale.skus(), 200, 7);
        long t0 = System.nanoTime();
        catalog.warmUpSearch(); // normally done at start-up (measured in target 5)
        double indexMillis = Samples.millis(System.nanoTime() - t0);
        for (List<String> qs : queries.values()) { // JIT warm-up
            for (String q : qs) {
                catalog.search(q, LIMIT);
            }
        }
        List<Row> rows = new ArrayList<>();
        Samples all = new Samples();
        Samples allLike = new Samples();
        Map<String, long[]> hitsPerKind = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> kind : queries.entrySet()) {
            Samples s = new Samples();
            long hits = 0;
            for (int rep = 0; rep < scale.searchRepeats(); rep++) {
                for (String q : kind.getValue()) {
                    long a = System.nanoTime();
                    int n = catalog.search(q, LIMIT).size();
                    s.add(System.nanoTime() - a);
                    hits += rep == 0 ? n : 0;
                }
            }
            all.addAll(s);
            Samples like = like(store, kind.getValue().subList(0, Math.min(scale.likeSamples(), kind.getValue().size())));
            allLike.addAll(like);
            hitsPerKind.put(kind.getKey(), new long[] {hits, kind.getValue().size()});
            double p99 = Samples.millis(s.percentile(99));
            rows.add(Row.measured("2", "search p99: " + kind.getKey(), p99, "ms", "<= 10 ms", p99 <= 10,
                    "LIKE '%q%' scan p99", Samples.millis(like.percentile(99)),
                    String.format("%d queries x %d, avg %.1f hits; e.g. %s; p50 %.3f ms", kind.getValue().size(),
                            scale.searchRepeats(), (double) hits / kind.getValue().size(), examples(kind.getValue()),
                            Samples.millis(s.percentile(50)))));
        }
        double p99 = Samples.millis(all.percentile(99));
        rows.add(0, Row.measured("2", "name search p99 (all kinds)", p99, "ms", "<= 10 ms", p99 <= 10,
                "LIKE '%q%' scan p99", Samples.millis(allLike.percentile(99)),
                String.format("%,d SKUs, %,d searches, max %.2f ms", scale.skus(), all.count(),
                        Samples.millis(all.max()))));
        rows.add(Row.info("2", "search index build", indexMillis, "ms", "in-memory gram index over 200k names"));
        return rows;
    }

    private static String examples(List<String> qs) {
        return "'" + qs.get(0) + "', '" + qs.get(1) + "'";
    }

    private static Samples like(LocalStore store, List<String> qs) {
        return store.jdbc(c -> {
            Samples s = new Samples();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT sku, name FROM product WHERE name_norm LIKE ? AND active LIMIT " + LIMIT)) {
                for (String q : qs) {
                    ps.setString(1, "%" + String.join("%", TextNormalizer.words(q)) + "%");
                    long a = System.nanoTime();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(2);
                        }
                    }
                    s.add(System.nanoTime() - a);
                }
            }
            return s;
        });
    }

    /** Queries per kind, drawn from the same generated catalog that was imported. */
    static Map<String, List<String>> queries(int skus, int perKind, long seed) {
        Random r = new Random(seed);
        List<String> names = new ArrayList<>();
        int stride = Math.max(1, skus / 5_000);
        int i = 0;
        for (CatalogItem item : new DemoCatalog(skus, 42)) {
            if (i++ % stride == 0) {
                names.add(TextNormalizer.normalize(item.product().name()));
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> prefix = new ArrayList<>();
        List<String> contains = new ArrayList<>();
        List<String> typo = new ArrayList<>();
        List<String> typing = new ArrayList<>();
        List<String> nothing = new ArrayList<>();
        while (prefix.size() < perKind) {
            String[] words = longWords(names.get(r.nextInt(names.size())), 3);
            if (words.length == 0) {
                continue;
            }
            String w = words[r.nextInt(words.length)];
            String q = w.substring(0, Math.min(w.length(), 3 + r.nextInt(4)));
            if (words.length > 1 && r.nextBoolean()) {
                String w2 = words[(indexOf(words, w) + 1) % words.length];
                q = q + " " + w2.substring(0, Math.min(w2.length(), 2 + r.nextInt(3)));
            }
            prefix.add(q);
        }
        while (contains.size() < perKind) {
            String[] words = longWords(names.get(r.nextInt(names.size())), 5);
            if (words.length == 0) {
                continue;
            }
            String w = words[r.nextInt(words.length)];
            int len = 3 + r.nextInt(2);
            int from = 1 + r.nextInt(w.length() - len);
            contains.add(w.substring(from, from + len));
        }
        while (typo.size() < perKind) {
            String[] words = longWords(names.get(r.nextInt(names.size())), 5);
            if (words.length == 0) {
                continue;
            }
            char[] w = words[r.nextInt(words.length)].toCharArray();
            int at = 1 + r.nextInt(w.length - 2);
            w[at] = w[at] == 'x' ? 'q' : 'x';
            typo.add(new String(w));
        }
        while (typing.size() < perKind) {
            String[] words = longWords(names.get(r.nextInt(names.size())), 3);
            if (words.length < 2) {
                continue;
            }
            String full = words[0] + " " + words[1];
            for (int n = 1; n <= full.length() && typing.size() < perKind; n++) {
                String q = full.substring(0, n).trim();
                if (!q.isEmpty()) {
                    typing.add(q);
                }
            }
        }
        while (nothing.size() < perKind) {
            StringBuilder b = new StringBuilder();
            int len = 4 + r.nextInt(4);
            for (int k = 0; k < len; k++) {
                b.append(NOTHING_LETTERS.charAt(r.nextInt(NOTHING_LETTERS.length())));
            }
            nothing.add(b.toString());
        }
        out.put("prefix", prefix);
        out.put("as you type (1st char on)", typing);
        out.put("contains", contains);
        out.put("one typo", typo);
        out.put("matches nothing", nothing);
        return out;
    }

    private static int indexOf(String[] words, String w) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals(w)) {
                return i;
            }
        }
        return 0;
    }

    private static String[] longWords(String name, int min) {
        return java.util.Arrays.stream(name.split(" ")).filter(w -> w.length() >= min && w.chars().allMatch(Character::isLetter))
                .toArray(String[]::new);
    }
}
