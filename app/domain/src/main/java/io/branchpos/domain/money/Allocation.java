package io.branchpos.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits an amount across weights in proportion, exactly: the parts always add up to the amount
 * (largest-remainder method). Used to spread a receipt discount or a receipt-level tax over lines.
 */
public final class Allocation {
    private Allocation() {
    }

    /** Parts in the order of {@code weights}; zero weights get zero unless all weights are zero. */
    public static List<Money> allocate(Money total, List<Money> weights) {
        List<Money> parts = new ArrayList<>(weights.size());
        if (weights.isEmpty()) {
            if (!total.isZero()) {
                throw new IllegalArgumentException("cannot allocate " + total + " over no lines");
            }
            return parts;
        }
        BigDecimal weightSum = BigDecimal.ZERO;
        for (Money w : weights) {
            weightSum = weightSum.add(w.amount());
        }
        int n = weights.size();
        BigDecimal unit = BigDecimal.ONE.movePointLeft(total.scale());
        BigDecimal[] floor = new BigDecimal[n];
        BigDecimal[] remainder = new BigDecimal[n];
        BigDecimal assigned = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal exact = weightSum.signum() == 0
                    ? total.amount().divide(BigDecimal.valueOf(n), 12, RoundingMode.HALF_EVEN)
                    : total.amount().multiply(weights.get(i).amount()).divide(weightSum, 12, RoundingMode.HALF_EVEN);
            floor[i] = exact.setScale(total.scale(), total.isNegative() ? RoundingMode.CEILING : RoundingMode.FLOOR);
            remainder[i] = exact.subtract(floor[i]).abs();
            assigned = assigned.add(floor[i]);
        }
        BigDecimal left = total.amount().subtract(assigned);
        int steps = left.abs().divide(unit, 0, RoundingMode.UNNECESSARY).intValueExact();
        BigDecimal step = left.signum() < 0 ? unit.negate() : unit;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, BigDecimal>comparing(i -> remainder[i]).reversed()
                .thenComparing(i -> weights.get(i).amount().abs(), Comparator.reverseOrder())
                .thenComparing(i -> i));
        for (int k = 0; k < steps; k++) {
            int i = order.get(k % n);
            floor[i] = floor[i].add(step);
        }
        for (int i = 0; i < n; i++) {
            parts.add(Money.of(floor[i], total.currency()));
        }
        return parts;
    }
}
