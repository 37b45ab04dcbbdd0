package io.branchpos.hardware.display;

import java.text.Normalizer;
import java.util.Map;

/** Makes text showable on a display that only has ASCII: ä→ae, ß→ss, €→EUR, accents dropped, the rest '?'. */
public final class Transliteration {

    private static final Map<Integer, String> SPECIAL = Map.ofEntries(
            Map.entry((int) 'ä', "ae"), Map.entry((int) 'ö', "oe"), Map.entry((int) 'ü', "ue"),
            Map.entry((int) 'Ä', "Ae"), Map.entry((int) 'Ö', "Oe"), Map.entry((int) 'Ü', "Ue"),
            Map.entry((int) 'ß', "ss"), Map.entry((int) '€', "EUR"), Map.entry((int) '£', "GBP"),
            Map.entry((int) 'æ', "ae"), Map.entry((int) 'Æ', "AE"), Map.entry((int) 'ø', "o"), Map.entry((int) 'Ø', "O"),
            Map.entry((int) 'œ', "oe"), Map.entry((int) 'Œ', "OE"), Map.entry((int) 'ł', "l"), Map.entry((int) 'Ł', "L"),
            Map.entry((int) 'đ', "d"), Map.entry((int) 'Đ', "D"), Map.entry((int) '×', "x"), Map.entry((int) '·', "."),
            Map.entry((int) '–', "-"), Map.entry((int) '—', "-"), Map.entry((int) '„', "\""), Map.entry((int) '“', "\""),
            Map.entry((int) '”', "\""), Map.entry((int) '‚', "'"), Map.entry((int) '‘', "'"), Map.entry((int) '’', "'"),
            Map.entry((int) '…', "..."), Map.entry((int) ' ', " "));

    private Transliteration() {
    }

    public static String toAscii(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                sb.appendCodePoint(cp);
                return;
            }
            String special = SPECIAL.get(cp);
            if (special != null) {
                sb.append(special);
                return;
            }
            String stripped = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "");
            sb.append(stripped.length() == 1 && stripped.charAt(0) < 0x80 ? stripped : "?");
        });
        return sb.toString();
    }
}
