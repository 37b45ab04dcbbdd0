package io.branchpos.domain.till;

/** Cash put into or taken out of a drawer outside a sale. A drop goes to the safe, not out of the shop. */
public enum CashMovementKind {
    PAY_IN(1), PAY_OUT(-1), DROP(-1);

    private final int sign;

    CashMovementKind(int sign) {
        this.sign = sign;
    }

    /** +1 if the drawer gains the amount, -1 if it loses it. */
    public int sign() {
        return sign;
    }
}
