package io.branchpos.store.catalog;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Folds text for search: lower case, accents removed, ß→ss, punctuation to spaces. "Crème
 * Fraîche 30%" and "creme fraiche 30" normalise alike.
 */
public final class TextNormalizer {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");
    static final int MAX_WORD = 64;

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        String s = text.toLowerCase(Locale.ROOT)
                .replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("ø", "o")
                .replace("ł", "l").replace("đ", "d").replace("þ", "th");
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        return NON_WORD.matcher(s).replaceAll(" ").trim();
    }

    /** The distinct words of {@code text}, normalised, each cut to 64 characters. */
    public static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : normalize(text).split(" ")) {
            if (!w.isEmpty()) {
                words.add(w.length() > MAX_WORD ? w.substring(0, MAX_WORD) : w);
            }
        }
        return words;
    }
}
