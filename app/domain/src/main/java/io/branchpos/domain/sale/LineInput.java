package io.branchpos.domain.sale;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the calculator needs of one ticket line. {@code promotionOff} is what a promotion takes off
 * the line's base amount (before the line discount, see decision 0257).
 */
public record LineInput(BigDecimal quantity, Money unitPrice, Discount discount, TaxRate taxRate, Money promotionOff) {
    public LineInput {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(taxRate, "taxRate");
        Objects.requireNonNull(promotionOff, "promotionOff");
        if (promotionOff.isNegative()) {
            throw new IllegalArgumentException("a promotion cannot add to a line: " + promotionOff);
        }
    }

    /** A line without a promotion. */
    public LineInput(BigDecimal quantity, Money unitPrice, Discount discount, TaxRate taxRate) {
        this(quantity, unitPrice, discount, taxRate, Money.zero(unitPrice.currency()));
    }
}
