package io.branchpos.domain.sale;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import java.math.BigDecimal;
import java.util.Objects;

/** What the calculator needs of one ticket line. */
public record LineInput(BigDecimal quantity, Money unitPrice, Discount discount, TaxRate taxRate) {
    public LineInput {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(taxRate, "taxRate");
    }
}
