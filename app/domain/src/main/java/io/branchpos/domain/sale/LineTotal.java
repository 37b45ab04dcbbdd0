package io.branchpos.domain.sale;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;

/**
 * The priced result of one line: {@code base} = quantity × unit price (rounded), minus the
 * promotion, the line discount and its share of the receipt discount, split into net + tax = gross.
 */
public record LineTotal(
        TaxRate taxRate,
        Money base,
        Money lineDiscount,
        Money receiptDiscountShare,
        Money net,
        Money tax,
        Money gross,
        Money promotionDiscount) {

    public Money totalDiscount() {
        return promotionDiscount.plus(lineDiscount).plus(receiptDiscountShare);
    }
}
