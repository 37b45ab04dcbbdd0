package io.branchpos.hardware.scan;

/** GS1 check digit arithmetic: the mod-10 key check digit and the price/weight verifier digit. */
public final class CheckDigits {

    private static final int[] TWO_MINUS = {0, 2, 4, 6, 8, 9, 1, 3, 5, 7};
    private static final int[] THREE = {0, 3, 6, 9, 2, 5, 8, 1, 4, 7};
    private static final int[] FIVE_PLUS = {0, 5, 1, 6, 2, 7, 3, 8, 4, 9};
    private static final int[] FIVE_MINUS = {0, 5, 9, 4, 8, 3, 7, 2, 6, 1};

    private CheckDigits() {
    }

    /** Mod-10 check digit (weights 3,1 from the right) for a GS1 key given without its check digit. */
    public static int gs1(CharSequence digitsWithoutCheck) {
        requireDigits(digitsWithoutCheck);
        int sum = 0;
        boolean three = true;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            int d = digitsWithoutCheck.charAt(i) - '0';
            sum += three ? 3 * d : d;
            three = !three;
        }
        return (10 - sum % 10) % 10;
    }

    /** True when the last digit of {@code digits} is the GS1 check digit of the others. */
    public static boolean isValidGs1(CharSequence digits) {
        if (digits == null || digits.length() < 2 || !allDigits(digits)) {
            return false;
        }
        return gs1(digits.subSequence(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
    }

    /**
     * Price/weight verifier digit of a 4- or 5-digit value field in a variable-measure EAN-13
     * (GS1 General Specifications 7.9.3): 4 digits weighted 2-,2-,3,5- and the units of 3×sum;
     * 5 digits weighted 5+,2-,5-,5+,2- and the digit whose 5- product is 10 minus the units of the sum.
     */
    public static int priceWeight(CharSequence value) {
        requireDigits(value);
        if (value.length() == 4) {
            int sum = TWO_MINUS[d(value, 0)] + TWO_MINUS[d(value, 1)] + THREE[d(value, 2)] + FIVE_MINUS[d(value, 3)];
            return (sum * 3) % 10;
        }
        if (value.length() == 5) {
            int sum = FIVE_PLUS[d(value, 0)] + TWO_MINUS[d(value, 1)] + FIVE_MINUS[d(value, 2)]
                    + FIVE_PLUS[d(value, 3)] + TWO_MINUS[d(value, 4)];
            int target = (10 - sum % 10) % 10;
            for (int digit = 0; digit < 10; digit++) {
                if (FIVE_MINUS[digit] == target) {
                    return digit;
                }
            }
        }
        throw new IllegalArgumentException("A price/weight check digit needs 4 or 5 digits, got " + value.length());
    }

    static boolean allDigits(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int d(CharSequence s, int i) {
        return s.charAt(i) - '0';
    }

    private static void requireDigits(CharSequence s) {
        if (s == null || s.length() == 0 || !allDigits(s)) {
            throw new IllegalArgumentException("Expected digits only, got '" + s + "'");
        }
    }
}
