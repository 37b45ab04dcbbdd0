package io.branchpos.domain.promo;

import io.branchpos.domain.money.Money;
import java.util.Objects;

/** The promotion a line got: which one, which version, its name, and how much it took off the line. */
public record AppliedPromotion(String promotionId, long version, String name, Money amountOff) {
    public AppliedPromotion {
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(amountOff, "amountOff");
        if (amountOff.isNegative()) {
            throw new IllegalArgumentException("a promotion cannot add to a price: " + amountOff);
        }
    }
}
