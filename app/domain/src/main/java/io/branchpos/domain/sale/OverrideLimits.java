package io.branchpos.domain.sale;

import io.branchpos.domain.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How far a cashier may reduce a price on their own — by a price override or a line or receipt
 * discount. A reduction above {@code maxPercent} of the amount before it, or above
 * {@code maxAmount}, needs a supervisor's approval. A price raised above the list price always
 * needs one (it is rarely right and easy to abuse for cash skimming).
 */
public record OverrideLimits(BigDecimal maxPercent, Money maxAmount) {

    public OverrideLimits {
        Objects.requireNonNull(maxPercent, "maxPercent");
        Objects.requireNonNull(maxAmount, "maxAmount");
        if (maxPercent.signum() < 0 || maxPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("maxPercent is between 0 and 100");
        }
    }

    /** Needs {@code before → after} a supervisor? */
    public boolean needsApproval(Money before, Money after) {
        if (after.isGreaterThan(before)) {
            return true;
        }
        Money off = before.minus(after);
        if (off.isZero()) {
            return false;
        }
        if (off.isGreaterThan(maxAmount)) {
            return true;
        }
        if (before.isZero()) {
            return false;
        }
        BigDecimal percent = off.amount().multiply(BigDecimal.valueOf(100)).divide(before.amount(), 4,
                RoundingMode.HALF_UP);
        return percent.compareTo(maxPercent) > 0;
    }
}
