package io.branchpos.hardware.scan;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How a chain lays out price- or weight-embedded EAN-13 codes (prefix 02 and 20–29), as a 13-character
 * pattern: digits are the prefix that must match, {@code X} any digit, {@code I} the item reference,
 * {@code K} the price/weight check digit, {@code V} the value, {@code C} the EAN check digit.
 * Examples: {@code 21IIIIIVVVVVC} (price in cents), {@code 28IIIIIKVVVVC} (weight in grams, with a check digit).
 *
 * @param pattern  the layout, exactly 13 characters
 * @param measure  whether the value is a price or a weight
 * @param decimals decimal places of the value (2 for cents, 3 for kilograms from grams)
 */
public record VariableMeasureTemplate(String pattern, Measure measure, int decimals) {

    /** What the embedded value means. */
    public enum Measure { PRICE, WEIGHT_KG }

    public VariableMeasureTemplate {
        if (pattern.length() != 13 || pattern.charAt(12) != 'C' || !pattern.matches("[0-9X]+I+K?V+C")) {
            throw new IllegalArgumentException("variable-measure pattern must look like 21IIIIIKVVVVC, got '" + pattern + "'");
        }
        int values = count(pattern, 'V');
        if (pattern.indexOf('K') >= 0 && values != 4 && values != 5) {
            throw new IllegalArgumentException("a price/weight check digit (K) needs 4 or 5 value digits: " + pattern);
        }
        if (decimals < 0 || decimals > values) {
            throw new IllegalArgumentException("decimals must be 0.." + values + ": " + decimals);
        }
    }

    /** Whether the 13-digit code has this template's prefix. */
    public boolean matches(String ean13) {
        for (int i = 0; i < 13; i++) {
            char p = pattern.charAt(i);
            if (Character.isDigit(p) && ean13.charAt(i) != p) {
                return false;
            }
            if (p == 'I') {
                return true;
            }
        }
        return true;
    }

    /** Decodes a matching, check-digit-valid EAN-13; empty if the price/weight check digit is wrong. */
    public Optional<ScannedCode.VariableMeasure> decode(String ean13) {
        String value = slice(ean13, 'V');
        int k = pattern.indexOf('K');
        if (k >= 0 && CheckDigits.priceWeight(value) != ean13.charAt(k) - '0') {
            return Optional.empty();
        }
        // the item is looked up by the code with value (and K) zeroed: that is how the catalog stores it
        StringBuilder lookup = new StringBuilder(ean13.substring(0, 12));
        for (int i = 0; i < 12; i++) {
            char p = pattern.charAt(i);
            if (p == 'V' || p == 'K') {
                lookup.setCharAt(i, '0');
            }
        }
        String lookupGtin14 = "0" + Gtins.withCheckDigit(lookup.toString());
        BigDecimal amount = new BigDecimal(value).movePointLeft(decimals);
        return Optional.of(new ScannedCode.VariableMeasure(ean13, lookupGtin14, slice(ean13, 'I'), measure, amount));
    }

    /** Builds the EAN-13 for an item reference and value (for test data and shelf-label printing). */
    public String encode(String itemReference, BigDecimal amount) {
        int iLen = count(pattern, 'I');
        int vLen = count(pattern, 'V');
        String item = "0".repeat(Math.max(0, iLen - itemReference.length())) + itemReference;
        String value = amount.movePointRight(decimals).setScale(0).toPlainString();
        if (item.length() != iLen || value.length() > vLen || value.startsWith("-")) {
            throw new IllegalArgumentException("item " + itemReference + " / value " + amount + " do not fit " + pattern);
        }
        value = "0".repeat(vLen - value.length()) + value;
        StringBuilder sb = new StringBuilder();
        int ii = 0;
        int vi = 0;
        for (int i = 0; i < 12; i++) {
            char p = pattern.charAt(i);
            switch (p) {
                case 'X' -> sb.append('0');
                case 'I' -> sb.append(item.charAt(ii++));
                case 'V' -> sb.append(value.charAt(vi++));
                case 'K' -> sb.append(CheckDigits.priceWeight(value));
                default -> sb.append(p);
            }
        }
        return Gtins.withCheckDigit(sb.toString());
    }

    private String slice(String ean13, char kind) {
        return ean13.substring(pattern.indexOf(kind), pattern.lastIndexOf(kind) + 1);
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}
