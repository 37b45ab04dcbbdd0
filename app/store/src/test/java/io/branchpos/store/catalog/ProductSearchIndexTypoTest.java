package io.branchpos.store.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.store.demo.DemoCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The typo search through the vocabulary finds exactly what checking every product name word by
 * word finds (the search before decision 0005 was revised), for typos of every kind and for
 * queries that match nothing.
 */
class ProductSearchIndexTypoTest {
    static List<ProductSearchIndex.Entry> entries;
    static ProductSearchIndex index;

    @BeforeAll
    static void build() {
        entries = new ArrayList<>();
        new DemoCatalog(3_000, 11).forEach(i -> {
            if (i.product().active()) {
                entries.add(new ProductSearchIndex.Entry(i.product().sku().value(),
                        TextNormalizer.normalize(i.product().name())));
            }
        });
        // a few names with words the demo does not have, long ones included
        entries.add(new ProductSearchIndex.Entry("X1", "strasse sussigkeiten"));
        entries.add(new ProductSearchIndex.Entry("X2", "schokoladenkekse vollmilch"));
        entries.add(new ProductSearchIndex.Entry("X3", "kaffeebohnen espresso dunkel"));
        index = ProductSearchIndex.build(entries);
    }

    @Test
    void everyKindOfOneLetterTypoFindsWhatAWordByWordCheckFinds() {
        Random r = new Random(3);
        List<String> words = new ArrayList<>();
        for (ProductSearchIndex.Entry e : entries) {
            for (String w : e.nameNorm().split(" ")) {
                if (w.length() >= 4) {
                    words.add(w);
                }
            }
        }
        int typos = 0;
        for (int n = 0; n < 600; n++) {
            String w = words.get(r.nextInt(words.size()));
            if (r.nextBoolean() && w.length() > 5) {
                w = w.substring(0, 4 + r.nextInt(w.length() - 4)); // as typed so far
            }
            String q = typo(w, r);
            List<String> expected = reference(q);
            if (expected == null || q.length() < 4) {
                continue; // the "typo" is in some name as typed, or too short to be corrected
            }
            assertThat(skus(index.search(List.of(q), 100_000, Set.of()))).as(q).isEqualTo(expected);
            typos += expected.isEmpty() ? 0 : 1;
        }
        assertThat(typos).isGreaterThan(300);
    }

    @Test
    void queriesThatMatchNothingFindNothingAndTypoTermsCombineWithExactOnes() {
        assertThat(index.search(List.of("wkzqwvz"), 50, Set.of())).isEmpty();
        assertThat(index.search(List.of("vqwz"), 50, Set.of())).isEmpty();
        assertThat(index.search(List.of("qqqqqqqqqqqqqq", "xx"), 50, Set.of())).isEmpty();
        assertThat(skus(index.search(List.of("schokoladnekekse", "voll"), 50, Set.of()))).containsExactly("X2");
        assertThat(skus(index.search(List.of("kaffebohnen"), 50, Set.of()))).containsExactly("X3");
        assertThat(skus(index.search(List.of("xussigkeiten"), 50, Set.of()))).containsExactly("X1"); // first letter, long word
    }

    @Test
    void aTypoSearchStopsAtTheLimitInNameOrder() {
        String q = typo("bread", new Random(1));
        List<String> all = reference(q);
        List<String> first = skus(index.search(List.of(q), 5, Set.of()));
        assertThat(first).isEqualTo(all.subList(0, Math.min(5, all.size())));
    }

    private static String typo(String w, Random r) {
        int i = 1 + r.nextInt(w.length() - 1); // the first letter stays: short words need it
        char c = (char) ('a' + r.nextInt(26));
        return switch (r.nextInt(4)) {
            case 0 -> w.substring(0, i) + c + w.substring(i + 1);
            case 1 -> w.substring(0, i) + c + w.substring(i);
            case 2 -> w.substring(0, i) + w.substring(i + 1);
            default -> i + 1 < w.length() ? w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2)
                    : w.substring(0, i) + c;
        };
    }

    /**
     * Null if any name contains the term; else every name with a word (or word start) within one
     * edit of it, in name order — for terms of up to 6 letters only words with its first letter.
     */
    private static List<String> reference(String term) {
        List<ProductSearchIndex.Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(ProductSearchIndex.Entry::nameNorm).thenComparing(ProductSearchIndex.Entry::sku));
        List<String> exact = new ArrayList<>();
        for (ProductSearchIndex.Entry e : sorted) {
            if ((" " + e.nameNorm() + " ").contains(term)) {
                exact.add(e.sku());
            }
        }
        if (!exact.isEmpty()) {
            return null; // not a typo: found exactly
        }
        List<String> out = new ArrayList<>();
        for (ProductSearchIndex.Entry e : sorted) {
            for (String w : e.nameNorm().split(" ")) {
                if (term.length() <= 6 && w.charAt(0) != term.charAt(0)) {
                    continue; // decision 0005: the first letter of a short word is not corrected
                }
                if (ProductSearchIndex.withinOneEdit(w, term) || (w.length() > term.length()
                        && (ProductSearchIndex.withinOneEdit(w.substring(0, term.length()), term)
                            || ProductSearchIndex.withinOneEdit(w.substring(0, term.length() + 1), term)
                            || ProductSearchIndex.withinOneEdit(w.substring(0, term.length() - 1), term)))) {
                    out.add(e.sku());
                    break;
                }
            }
        }
        return out;
    }

    private static List<String> skus(List<ProductSearchIndex.Hit> hits) {
        return hits.stream().map(ProductSearchIndex.Hit::sku).toList();
    }
}
