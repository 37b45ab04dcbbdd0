package io.branchpos.hardware.scan;

import java.util.Optional;

/** EAN/UPC/GTIN helpers: validation, UPC-E expansion and normalisation to GTIN-14. */
public final class Gtins {

    private Gtins() {
    }

    /**
     * Expands an 8-digit UPC-E (number system 0 or 1, with check digit) to its 12-digit UPC-A.
     * A 6-digit UPC-E (no number system, no check) is taken as number system 0 and gets its check digit computed.
     */
    public static String expandUpcE(String upcE) {
        String code = upcE;
        if (code.length() == 6) {
            code = "0" + code;
        }
        boolean withCheck = code.length() == 8;
        if ((code.length() != 7 && !withCheck) || !CheckDigits.allDigits(code)) {
            throw new IllegalArgumentException("UPC-E has 6, 7 or 8 digits, got '" + upcE + "'");
        }
        char numberSystem = code.charAt(0);
        if (numberSystem != '0' && numberSystem != '1') {
            throw new IllegalArgumentException("UPC-E number system must be 0 or 1, got '" + upcE + "'");
        }
        String m = code.substring(1, 7);
        char last = m.charAt(5);
        String body = switch (last) {
            case '0', '1', '2' -> m.substring(0, 2) + last + "0000" + m.substring(2, 5);
            case '3' -> m.substring(0, 3) + "00000" + m.substring(3, 5);
            case '4' -> m.substring(0, 4) + "00000" + m.charAt(4);
            default -> m.substring(0, 5) + "0000" + last;
        };
        String withoutCheck = numberSystem + body;
        String upcA = withoutCheck + CheckDigits.gs1(withoutCheck);
        if (withCheck && upcA.charAt(11) != code.charAt(7)) {
            throw new IllegalArgumentException("UPC-E check digit wrong in '" + upcE + "' (expected " + upcA.charAt(11) + ")");
        }
        return upcA;
    }

    /** Pads a valid GTIN-8/12/13/14 with leading zeros to 14 digits; empty if the length or check digit is wrong. */
    public static Optional<String> toGtin14(String gtin) {
        if (gtin == null) {
            return Optional.empty();
        }
        int len = gtin.length();
        if ((len != 8 && len != 12 && len != 13 && len != 14) || !CheckDigits.isValidGs1(gtin)) {
            return Optional.empty();
        }
        return Optional.of("0".repeat(14 - len) + gtin);
    }

    /** Whether {@code code} is an EAN-8, UPC-A, EAN-13 or GTIN-14 with a correct check digit. */
    public static boolean isValid(String code) {
        return toGtin14(code).isPresent();
    }

    /** Appends the GS1 check digit. */
    public static String withCheckDigit(String digitsWithoutCheck) {
        return digitsWithoutCheck + CheckDigits.gs1(digitsWithoutCheck);
    }

    /** The shortest conventional form of a GTIN-14: EAN-8 (6 leading zeros), UPC-A, EAN-13 or GTIN-14. */
    public static String shortest(String gtin14) {
        if (gtin14.startsWith("000000")) {
            return gtin14.substring(6);
        }
        if (gtin14.startsWith("00")) {
            return gtin14.substring(2);
        }
        if (gtin14.startsWith("0")) {
            return gtin14.substring(1);
        }
        return gtin14;
    }
}
