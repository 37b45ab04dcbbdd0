package io.branchpos.domain.till;

import io.branchpos.domain.money.Money;
import java.util.Objects;

/** A pay-in, pay-out or safe drop: always a positive amount with a reason a person wrote. */
public record CashMovement(CashMovementKind kind, Money amount, String reason) {
    public CashMovement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("the amount of a " + kind + " must be positive: " + amount);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " needs a reason");
        }
        reason = reason.strip();
    }

    /** The change to the drawer: +amount for a pay-in, -amount for a pay-out or drop. */
    public Money signedAmount() {
        return kind.sign() > 0 ? amount : amount.negate();
    }
}
