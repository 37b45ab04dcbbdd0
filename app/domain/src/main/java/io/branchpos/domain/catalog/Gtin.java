package io.branchpos.domain.catalog;

/** GS1 check digits (EAN-8, EAN-13, UPC-A, GTIN-14 share the same mod-10 rule). */
public final class Gtin {
    private Gtin() {
    }

    /** The check digit for {@code digitsWithoutCheck} (all digits). */
    public static int checkDigit(String digitsWithoutCheck) {
        int sum = 0;
        boolean weightThree = true;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            char c = digitsWithoutCheck.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit in GTIN: '" + digitsWithoutCheck + "'");
            }
            sum += (c - '0') * (weightThree ? 3 : 1);
            weightThree = !weightThree;
        }
        return (10 - sum % 10) % 10;
    }

    /** True if {@code code} is all digits of a GTIN length and its last digit is right. */
    public static boolean isValid(String code) {
        int n = code.length();
        if (n != 8 && n != 12 && n != 13 && n != 14) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!Character.isDigit(code.charAt(i)) || code.charAt(i) > '9') {
                return false;
            }
        }
        return checkDigit(code.substring(0, n - 1)) == code.charAt(n - 1) - '0';
    }

    /** Appends the check digit. */
    public static String withCheckDigit(String digitsWithoutCheck) {
        return digitsWithoutCheck + checkDigit(digitsWithoutCheck);
    }
}
