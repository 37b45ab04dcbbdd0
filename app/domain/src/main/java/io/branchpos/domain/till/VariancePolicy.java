package io.branchpos.domain.till;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When a counted tender differs from the expected amount by more than {@code threshold} (either
 * way), the manager must give a reason before signing off.
 */
public record VariancePolicy(Money threshold) {
    public VariancePolicy {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("a threshold cannot be negative");
        }
    }

    /** One row per tender expected or counted; a tender not counted counts as zero. */
    public List<TenderVariance> evaluate(Map<Tender, Money> expected, Map<Tender, Money> counted) {
        List<TenderVariance> out = new ArrayList<>();
        Money zero = Money.zero(threshold.currency());
        for (Tender t : Tender.values()) {
            if (!expected.containsKey(t) && !counted.containsKey(t)) {
                continue;
            }
            Money e = expected.getOrDefault(t, zero);
            Money c = counted.getOrDefault(t, zero);
            Money v = c.minus(e);
            Money abs = v.isNegative() ? v.negate() : v;
            out.add(new TenderVariance(t, e, c, v, abs.isGreaterThan(threshold)));
        }
        return out;
    }

    /** True if any row needs a reason. */
    public static boolean reasonRequired(List<TenderVariance> rows) {
        return rows.stream().anyMatch(TenderVariance::needsReason);
    }
}
