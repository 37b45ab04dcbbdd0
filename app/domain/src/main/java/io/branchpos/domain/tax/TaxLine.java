package io.branchpos.domain.tax;

import io.branchpos.domain.money.Money;

/** One row of a receipt's tax breakdown: everything sold at one rate. */
public record TaxLine(TaxRate rate, Money net, Money tax, Money gross) {
}
