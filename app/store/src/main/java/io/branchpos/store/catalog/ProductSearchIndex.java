package io.branchpos.store.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * An immutable in-memory index over normalised product names for search as you type: word
 * starts and substrings (3+ characters) at 200,000 SKUs in well under a millisecond, also when
 * nothing matches (decision 0005).
 *
 * <p>Products are numbered in name order, so a result set is a {@link BitSet} whose set bits
 * are already sorted by name. Each word contributes "gram" keys over {@code ^word}: the 1- and
 * 2-character word starts ({@code ^^m}, {@code ^mi}) and every trigram ({@code mil}, {@code ilk}).
 * A posting list per key holds the ordinals that contain it. A term of 1–2 characters is answered
 * exactly by its word-start posting; a longer term by intersecting its trigram postings, then
 * checking the candidates' names.
 */
final class ProductSearchIndex {
    /** One product as the index knows it. */
    record Entry(String sku, String nameNorm) {
    }

    private static final int[] EMPTY = new int[0];

    /** The SKUs by ordinal, packed (decision 0010). */
    private final PackedText skus;
    /** " " + name_norm + " ", so " term" finds word starts and "term" finds substrings; packed. */
    private final PackedText padded;
    /** Posting list per gram key (ordinals ascending); keys are dense, see {@link #gram}. */
    private final int[][] postings;
    /** The distinct words of all names, sorted (for the typo search). */
    private final String[] words;
    /** Per word of {@link #words}: the ordinals of the products whose name has it, ascending. */
    private final int[][] wordPostings;
    /** Per gram key over {@code ^word}: the indexes into {@link #words} of the words that contain it. */
    private final int[][] wordGrams;

    private ProductSearchIndex(PackedText skus, PackedText padded, int[][] postings, String[] words, int[][] wordPostings,
            int[][] wordGrams) {
        this.skus = skus;
        this.padded = padded;
        this.postings = postings;
        this.words = words;
        this.wordPostings = wordPostings;
        this.wordGrams = wordGrams;
    }

    static ProductSearchIndex build(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::nameNorm).thenComparing(Entry::sku));
        int n = sorted.size();
        String[] skus = new String[n];
        String[] padded = new String[n];
        int[][] keys = new int[n][];
        // two passes over dense arrays (no hashing, no boxing): count, then fill
        int[] counts = new int[KEY_SPACE];
        int[] lastOrdinal = new int[KEY_SPACE];
        Arrays.fill(lastOrdinal, -1);
        for (int i = 0; i < n; i++) {
            Entry e = sorted.get(i);
            skus[i] = e.sku();
            padded[i] = " " + e.nameNorm() + " ";
            keys[i] = keysOf(e.nameNorm());
            for (int key : keys[i]) {
                if (lastOrdinal[key] != i) {
                    lastOrdinal[key] = i;
                    counts[key]++;
                }
            }
        }
        int[][] postings = new int[KEY_SPACE][];
        for (int k = 0; k < KEY_SPACE; k++) {
            postings[k] = counts[k] == 0 ? EMPTY : new int[counts[k]];
        }
        int[] fill = new int[KEY_SPACE];
        Arrays.fill(lastOrdinal, -1);
        for (int i = 0; i < n; i++) {
            for (int key : keys[i]) {
                if (lastOrdinal[key] != i) {
                    lastOrdinal[key] = i;
                    postings[key][fill[key]++] = i;
                }
            }
        }
        // the vocabulary: word -> products (ordinals ascending), and its own gram postings
        java.util.HashMap<String, IntList> vocabulary = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = sorted.get(i).nameNorm();
            int from = 0;
            while (from < name.length()) {
                int to = name.indexOf(' ', from);
                if (to < 0) {
                    to = name.length();
                }
                if (to > from) {
                    IntList list = vocabulary.computeIfAbsent(name.substring(from, to), k -> new IntList());
                    if (list.size == 0 || list.last() != i) {
                        list.add(i);
                    }
                }
                from = to + 1;
            }
        }
        String[] words = vocabulary.keySet().toArray(new String[0]);
        Arrays.sort(words);
        int[][] wordPostings = new int[words.length][];
        for (int w = 0; w < words.length; w++) {
            wordPostings[w] = vocabulary.get(words[w]).toArray();
        }
        IntList[] grams = new IntList[KEY_SPACE];
        for (int k = 0; k < words.length; k++) {
            String marked = "^" + words[k];
            for (int j = 0; j + 3 <= marked.length(); j++) {
                int key = gram(marked.charAt(j), marked.charAt(j + 1), marked.charAt(j + 2));
                IntList list = grams[key] == null ? (grams[key] = new IntList()) : grams[key];
                if (list.size == 0 || list.last() != k) {
                    list.add(k);
                }
            }
        }
        int[][] wordGrams = new int[KEY_SPACE][];
        for (int k = 0; k < KEY_SPACE; k++) {
            wordGrams[k] = grams[k] == null ? EMPTY : grams[k].toArray();
        }
        return new ProductSearchIndex(PackedText.utf8(skus), PackedText.latin1(padded), postings, words, wordPostings,
                wordGrams);
    }

    int size() {
        return skus.size();
    }

    // ---- byte image, saved by CatalogSearch in the data directory (decision 0010) ----

    /** The index as bytes (read back by {@link #read}). */
    byte[] write() {
        return image().toBytes();
    }

    /** The index as an {@link Image} (saved without one contiguous copy). */
    Image image() {
        Image out = new Image();
        skus.write(out);
        padded.write(out);
        out.strings(words);
        writeLists(out, postings);
        writeLists(out, wordPostings);
        writeLists(out, wordGrams);
        return out;
    }

    private static void writeLists(Image out, int[][] lists) {
        int[] lengths = new int[lists.length];
        int total = 0;
        for (int i = 0; i < lists.length; i++) {
            lengths[i] = lists[i].length;
            total += lengths[i];
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] l : lists) {
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        out.ints(lengths);
        out.ints(all);
    }

    /** Reads what {@link #write} wrote; {@link IllegalArgumentException} if it is malformed. */
    static ProductSearchIndex read(java.nio.ByteBuffer in) {
        return read(ImageInput.of(in));
    }

    /** Reads what {@link #write} wrote, streamed or from a buffer; {@link IllegalArgumentException} if malformed. */
    static ProductSearchIndex read(ImageInput in) {
        try {
            PackedText skus = PackedText.read(in, java.nio.charset.StandardCharsets.UTF_8);
            PackedText padded = PackedText.read(in, java.nio.charset.StandardCharsets.ISO_8859_1);
            String[] words = in.readStrings();
            int[][] postings = readLists(in, skus.size());
            int[][] wordPostings = readLists(in, skus.size());
            int[][] wordGrams = readLists(in, words.length);
            if (padded.size() != skus.size() || postings.length != KEY_SPACE || wordGrams.length != KEY_SPACE
                    || wordPostings.length != words.length || in.remaining() != 0) {
                throw new IllegalArgumentException("inconsistent search index");
            }
            for (int i = 0; i < padded.size(); i++) {
                if (padded.length(i) < 2 || padded.charAt(i, 0) != ' ' || padded.charAt(i, padded.length(i) - 1) != ' ') {
                    throw new IllegalArgumentException("inconsistent search index (name)");
                }
            }
            return new ProductSearchIndex(skus, padded, postings, words, wordPostings, wordGrams);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated search index", e);
        }
    }

    /** Lists of ascending ordinals below {@code bound}. */
    private static int[][] readLists(ImageInput in, int bound) {
        int[] lengths = in.readInts();
        // each list straight into its own array (decision 0023): no array of all postings in between
        int total = in.intCount();
        long sum = 0;
        for (int len : lengths) {
            if (len < 0) {
                throw new IllegalArgumentException("inconsistent search index (list)");
            }
            sum += len;
        }
        if (sum != total) {
            throw new IllegalArgumentException("inconsistent search index (lists)");
        }
        int[][] out = new int[lengths.length][];
        for (int i = 0; i < lengths.length; i++) {
            int len = lengths[i];
            if (len == 0) {
                out[i] = EMPTY;
                continue;
            }
            int[] l = in.ints(len);
            for (int j = 0; j < len; j++) {
                if (l[j] < 0 || l[j] >= bound || (j > 0 && l[j] <= l[j - 1])) {
                    throw new IllegalArgumentException("inconsistent search index (ordinal)");
                }
            }
            out[i] = l;
        }
        return out;
    }

    /** One match: whether every term starts a word of the name (those rank first). */
    record Hit(String sku, String nameNorm, boolean wordStart) {
    }

    /**
     * Products whose name contains every term: word-start matches first, each group in name
     * order. If that finds nothing, terms of 4+ letters that match no name are taken as typos and
     * matched within one edit (insert, delete, replace, swap) of a word or word start.
     */
    List<Hit> search(List<String> terms, int limit, Set<String> exclude) {
        List<Hit> exact = search(terms, limit, exclude, false);
        if (!exact.isEmpty() || terms.stream().noneMatch(t -> t.length() >= MIN_FUZZY)) {
            return exact;
        }
        return search(terms, limit, exclude, true);
    }

    private static final int MIN_FUZZY = 4;

    private List<Hit> search(List<String> terms, int limit, Set<String> exclude, boolean fuzzy) {
        BitSet matches = null;
        // a term matched by a typo starts no word of any name (else it would have matched exactly)
        boolean startsPossible = true;
        for (String term : terms) {
            BitSet t = candidates(term);
            if (fuzzy && t.isEmpty() && term.length() >= MIN_FUZZY) {
                t = fuzzyCandidates(term);
                startsPossible = false;
            }
            if (matches == null) {
                matches = t;
            } else {
                matches.and(t);
            }
            if (matches.isEmpty()) {
                return List.of();
            }
        }
        if (matches == null) {
            return List.of();
        }
        String[] starts = new String[terms.size()];
        for (int k = 0; k < starts.length; k++) {
            starts[k] = " " + terms.get(k);
        }
        List<Hit> first = new ArrayList<>();
        List<Hit> inside = new ArrayList<>();
        for (int i = matches.nextSetBit(0); i >= 0 && first.size() < limit; i = matches.nextSetBit(i + 1)) {
            if (!exclude.isEmpty() && exclude.contains(skus.get(i))) {
                continue;
            }
            boolean allStart = startsPossible;
            for (int k = 0; allStart && k < starts.length; k++) {
                allStart = padded.contains(i, starts[k]);
            }
            if (allStart) {
                first.add(new Hit(skus.get(i), padded.inner(i), true));
            } else if (inside.size() < limit) {
                inside.add(new Hit(skus.get(i), padded.inner(i), false));
            } else if (!startsPossible) {
                break; // nothing later can rank before what we have
            }
        }
        List<Hit> out = new ArrayList<>(first);
        for (Hit hit : inside) {
            if (out.size() >= limit) {
                break;
            }
            out.add(hit);
        }
        return out;
    }

    /**
     * Products with a word within one edit of {@code term} (or of a word start as long as the
     * term), found through the vocabulary of distinct words, so the work is bounded by the words
     * checked, not by the products. One edit destroys at most four of the term's trigrams (a
     * swap), so for terms of 7+ letters the candidate words share all but four of them; shorter
     * terms have too few trigrams for that, so their candidates are the words with the same first
     * letter. Each candidate word is checked with the edit distance; the products of the words
     * that pass are the result.
     */
    private BitSet fuzzyCandidates(String term) {
        BitSet set = new BitSet(skus.size());
        if (term.length() <= 6) {
            String first = term.substring(0, 1);
            int from = lowerBound(first);
            for (int k = from; k < words.length && words[k].startsWith(first); k++) {
                if (isNear(words[k], term)) {
                    or(set, wordPostings[k]);
                }
            }
            return set;
        }
        String marked = "^" + term;
        int needed = (marked.length() - 2) - 4;
        int[] hits = new int[words.length];
        IntList seen = new IntList();
        for (int k = 0; k + 3 <= marked.length(); k++) {
            for (int w : wordGrams[gram(marked.charAt(k), marked.charAt(k + 1), marked.charAt(k + 2))]) {
                if (hits[w]++ == 0) {
                    seen.add(w);
                }
            }
        }
        for (int j = 0; j < seen.size; j++) {
            int w = seen.data[j];
            if (hits[w] >= needed && isNear(words[w], term)) {
                or(set, wordPostings[w]);
            }
        }
        return set;
    }

    private static void or(BitSet set, int[] ordinals) {
        for (int i : ordinals) {
            set.set(i);
        }
    }

    /** Index of the first word not before {@code prefix}. */
    private int lowerBound(String prefix) {
        int lo = 0;
        int hi = words.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (words[mid].compareTo(prefix) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether {@code word}, or its start as long as {@code term} (±1), is within one edit of it. */
    static boolean isNear(String word, String term) {
        int lt = term.length();
        int lw = word.length();
        if (withinOneEdit(word, lw, term)) {
            return true;
        }
        return lw > lt && (withinOneEdit(word, lt, term) || withinOneEdit(word, lt + 1, term)
                || withinOneEdit(word, lt - 1, term));
    }

    /** Damerau–Levenshtein distance ≤ 1 (one insert, delete, replace, or swap of neighbours). */
    static boolean withinOneEdit(String a, String b) {
        return withinOneEdit(a, a.length(), b);
    }

    /** {@link #withinOneEdit(String, String)} for the first {@code la} characters of {@code a}, without copying. */
    private static boolean withinOneEdit(String a, int la, String b) {
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == la && i == lb) {
            return true;
        }
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true; // replace
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2); // swap
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : a.regionMatches(i, b, i + 1, la - i);
    }

    /** Brute-force match of one name, for products changed since the index was built. */
    static Hit match(String sku, String nameNorm, List<String> terms) {
        String p = " " + nameNorm + " ";
        boolean allStart = true;
        for (String term : terms) {
            if (term.length() <= 2 ? p.indexOf(" " + term) < 0 : p.indexOf(term) < 0) {
                return null;
            }
            allStart &= p.indexOf(" " + term) >= 0;
        }
        return new Hit(sku, nameNorm, allStart);
    }

    /** Exact set of products whose name contains {@code term} (word start only for 1–2 characters). */
    private BitSet candidates(String term) {
        BitSet set = new BitSet(skus.size());
        if (term.length() <= 2) {
            int key = term.length() == 1 ? gram('^', '^', term.charAt(0)) : gram('^', term.charAt(0), term.charAt(1));
            for (int i : postings[key]) {
                set.set(i);
            }
            return set;
        }
        int[][] lists = new int[term.length() - 2][];
        for (int k = 0; k + 3 <= term.length(); k++) {
            lists[k] = postings[gram(term.charAt(k), term.charAt(k + 1), term.charAt(k + 2))];
            if (lists[k].length == 0) {
                return set;
            }
        }
        Arrays.sort(lists, Comparator.comparingInt(a -> a.length));
        int[] acc = lists[0];
        for (int k = 1; k < lists.length && acc.length > 0; k++) {
            acc = intersect(acc, lists[k]);
        }
        for (int i : acc) {
            if (padded.contains(i, term)) {
                set.set(i);
            }
        }
        return set;
    }

    private static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The gram keys of a normalised name: per word, ^^c, ^cc, and every trigram. */
    static int[] keysOf(String nameNorm) {
        IntList keys = new IntList();
        for (String w : nameNorm.split(" ")) {
            if (w.isEmpty()) {
                continue;
            }
            keys.add(gram('^', '^', w.charAt(0)));
            if (w.length() >= 2) {
                keys.add(gram('^', w.charAt(0), w.charAt(1)));
            }
            for (int k = 0; k + 3 <= w.length(); k++) {
                keys.add(gram(w.charAt(k), w.charAt(k + 1), w.charAt(k + 2)));
            }
        }
        return keys.toArray();
    }

    private static final int SYMBOLS = 38;
    private static final int KEY_SPACE = SYMBOLS * SYMBOLS * SYMBOLS;

    /** Names are normalised to [a-z0-9] words; with the word-start mark ^ that is 37 symbols (+1 spare). */
    private static int code(char ch) {
        if (ch >= 'a' && ch <= 'z') {
            return 2 + ch - 'a';
        }
        if (ch >= '0' && ch <= '9') {
            return 28 + ch - '0';
        }
        return ch == '^' ? 1 : 0;
    }

    private static int gram(char a, char b, char c) {
        return (code(a) * SYMBOLS + code(b)) * SYMBOLS + code(c);
    }

    /** A growable int array without boxing. */
    private static final class IntList {
        int[] data = new int[4];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int last() {
            return data[size - 1];
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
