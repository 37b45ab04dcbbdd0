package io.branchpos.hardware.scan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GS1 application identifiers and their values, in the order they were read, with typed accessors
 * for the ones a till uses (01 GTIN, 10 batch, 17 expiry, 21 serial, 310n net weight kg, 392n price).
 */
public final class Gs1ElementString {

    /** The ASCII group separator that stands for FNC1 inside an element string. */
    public static final char GS = '\u001D';

    private final Map<String, String> values;

    Gs1ElementString(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** All AIs with their values, in reading order. */
    public Map<String, String> values() {
        return values;
    }

    public Optional<String> get(String ai) {
        return Optional.ofNullable(values.get(ai));
    }

    /** AI 01 (or 02), as GTIN-14. */
    public Optional<String> gtin() {
        return get("01").or(() -> get("02"));
    }

    public Optional<String> batch() {
        return get("10");
    }

    public Optional<String> serial() {
        return get("21");
    }

    /** AI 17; day 00 means the last day of the month, as the GS1 specification says. */
    public Optional<LocalDate> expiry() {
        return get("17").map(Gs1ElementString::date);
    }

    /** Net weight in kilograms from AI 310n (n = decimals). */
    public Optional<BigDecimal> netWeightKg() {
        return decimalOf("310");
    }

    /** Amount payable from AI 392n (n = decimals), in the local currency. */
    public Optional<BigDecimal> price() {
        return decimalOf("392");
    }

    /** The human-readable form, e.g. {@code (01)09506000134352(17)201231}. */
    public String toHumanReadable() {
        StringBuilder sb = new StringBuilder();
        values.forEach((ai, v) -> sb.append('(').append(ai).append(')').append(v));
        return sb.toString();
    }

    /** The encodable form: AIs concatenated, a GS after each variable-length value that is not last. */
    public String toElementString() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            sb.append(e.getKey()).append(e.getValue());
            boolean last = ++i == values.size();
            if (!last && !Gs1Parser.definitionOf(e.getKey()).fixed()) {
                sb.append(GS);
            }
        }
        return sb.toString();
    }

    private Optional<BigDecimal> decimalOf(String aiPrefix) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().length() == 4 && e.getKey().startsWith(aiPrefix)) {
                int decimals = e.getKey().charAt(3) - '0';
                return Optional.of(new BigDecimal(e.getValue()).movePointLeft(decimals));
            }
        }
        return Optional.empty();
    }

    private static LocalDate date(String yymmdd) {
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int mm = Integer.parseInt(yymmdd.substring(2, 4));
        int dd = Integer.parseInt(yymmdd.substring(4, 6));
        // GS1 sliding century: assume 20yy (good until 2050-ish, past dates are not our problem at a till)
        YearMonth ym = YearMonth.of(2000 + yy, mm);
        return dd == 0 ? ym.atEndOfMonth() : ym.atDay(dd);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gs1ElementString other && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return toHumanReadable();
    }
}
