package io.branchpos.domain.promo;

import io.branchpos.domain.money.Money;
import java.math.BigDecimal;
import java.util.Objects;

/** What a promotion gives. Each rule applies to the units of the ticket its {@link Target} matches. */
public sealed interface PromotionRule {

    Target target();

    /** {@code percent} (0 < p ≤ 100) off each matching line. */
    record PercentOff(Target target, BigDecimal percent) implements PromotionRule {
        public PercentOff {
            Objects.requireNonNull(target, "target");
            if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("percent off is more than 0 and at most 100: " + percent.toPlainString());
            }
        }
    }

    /** {@code perUnit} off each unit (per kg/l/m for measured goods), never below zero. */
    record AmountOff(Target target, Money perUnit) implements PromotionRule {
        public AmountOff {
            Objects.requireNonNull(target, "target");
            if (!perUnit.isPositive()) {
                throw new IllegalArgumentException("amount off must be positive: " + perUnit);
            }
        }
    }

    /**
     * Buy {@code buy}, get {@code get} at {@code percentOff} (100 = free): of every {@code buy + get}
     * matching units, the cheapest {@code get} are reduced. Counted goods only.
     */
    record BuyXGetY(Target target, int buy, int get, BigDecimal percentOff) implements PromotionRule {
        public BuyXGetY {
            Objects.requireNonNull(target, "target");
            if (buy < 1 || get < 1) {
                throw new IllegalArgumentException("buy and get are at least 1: buy " + buy + ", get " + get);
            }
            if (percentOff.signum() <= 0 || percentOff.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("percent off is more than 0 and at most 100: " + percentOff.toPlainString());
            }
        }
    }

    /** Any {@code count} matching units together for {@code price} (e.g. any 3 for 10.00). Counted goods only. */
    record MixAndMatch(Target target, int count, Money price) implements PromotionRule {
        public MixAndMatch {
            Objects.requireNonNull(target, "target");
            if (count < 2) {
                throw new IllegalArgumentException("mix and match needs at least 2 units, not " + count);
            }
            if (price.isNegative()) {
                throw new IllegalArgumentException("a mix-and-match price must not be negative: " + price);
            }
        }
    }
}
