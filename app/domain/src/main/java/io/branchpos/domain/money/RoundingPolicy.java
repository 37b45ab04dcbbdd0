package io.branchpos.domain.money;

import java.math.RoundingMode;
import java.util.Objects;

/**
 * How a jurisdiction rounds tax: per line or once per rate on the receipt, with which mode, and
 * how cash is rounded. See docs/decisions/0003-money-and-rounding.md.
 */
public record RoundingPolicy(TaxRoundingLevel level, RoundingMode mode, CashRounding cashRounding) {

    /** Where tax is rounded to the minor unit. */
    public enum TaxRoundingLevel { LINE, RECEIPT }

    /** Germany/Austria style: tax per rate on the receipt, half-up, no cash rounding. */
    public static final RoundingPolicy DEFAULT =
            new RoundingPolicy(TaxRoundingLevel.RECEIPT, RoundingMode.HALF_UP, CashRounding.NONE);

    public RoundingPolicy {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cashRounding, "cashRounding");
        if (mode == RoundingMode.UNNECESSARY) {
            throw new IllegalArgumentException("a tax rounding mode must be able to round");
        }
    }

    public RoundingPolicy withCashRounding(CashRounding cash) {
        return new RoundingPolicy(level, mode, cash);
    }
}
