package io.branchpos.domain.sale;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxLine;
import java.util.List;

/**
 * Totals of a ticket. Always: {@code net + tax == gross}, the lines add up to the totals, and
 * the tax breakdown adds up to {@code tax}.
 */
public record SaleTotals(
        List<LineTotal> lines,
        List<TaxLine> taxes,
        Money receiptDiscount,
        Money net,
        Money tax,
        Money gross) {

    public SaleTotals {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
    }

    public Money totalDiscount() {
        Money sum = Money.zero(gross.currency());
        for (LineTotal line : lines) {
            sum = sum.plus(line.totalDiscount());
        }
        return sum;
    }
}
