package io.branchpos.domain.auth;

/** The rules for a PIN: 4 to 8 digits. */
public final class Pin {
    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 8;

    private Pin() {
    }

    public static boolean isWellFormed(String pin) {
        if (pin == null || pin.length() < MIN_LENGTH || pin.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < pin.length(); i++) {
            if (pin.charAt(i) < '0' || pin.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
