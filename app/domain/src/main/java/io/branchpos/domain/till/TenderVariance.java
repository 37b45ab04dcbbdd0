package io.branchpos.domain.till;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;

/** Expected vs counted for one tender. Positive variance: more counted than expected (over). */
public record TenderVariance(Tender tender, Money expected, Money counted, Money variance, boolean needsReason) {
    public boolean isOver() {
        return variance.isPositive();
    }

    public boolean isShort() {
        return variance.isNegative();
    }
}
