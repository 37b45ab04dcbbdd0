package io.branchpos.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Rounding of a cash amount to the smallest coin in circulation (e.g. 0.05 in Switzerland or the
 * Netherlands). Card and voucher payments are never cash-rounded.
 */
public record CashRounding(BigDecimal increment, RoundingMode mode) {

    /** No cash rounding: amounts are paid to the minor unit. */
    public static final CashRounding NONE = new CashRounding(BigDecimal.ZERO, RoundingMode.HALF_UP);

    public CashRounding {
        Objects.requireNonNull(increment, "increment");
        Objects.requireNonNull(mode, "mode");
        if (increment.signum() < 0) {
            throw new IllegalArgumentException("cash rounding increment must not be negative");
        }
    }

    public static CashRounding to(String increment) {
        return new CashRounding(new BigDecimal(increment), RoundingMode.HALF_UP);
    }

    public boolean isNone() {
        return increment.signum() == 0;
    }

    /** The amount a customer actually pays in cash for {@code due}. */
    public Money apply(Money due) {
        if (isNone()) {
            return due;
        }
        BigDecimal steps = due.amount().divide(increment, 0, mode);
        return Money.of(steps.multiply(increment).setScale(due.scale(), RoundingMode.UNNECESSARY), due.currency());
    }
}
