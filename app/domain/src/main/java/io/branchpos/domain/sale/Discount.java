package io.branchpos.domain.sale;

import io.branchpos.domain.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** A reduction on a line or on the whole receipt: a percentage or a fixed amount. */
public sealed interface Discount {

    /** No discount. */
    Discount NONE = new Percent(BigDecimal.ZERO);

    /** The amount taken off {@code base}, never more than {@code base}. */
    Money amountOff(Money base, RoundingMode mode);

    boolean isNone();

    static Discount percent(String percent) {
        return new Percent(new BigDecimal(percent));
    }

    static Discount amount(Money amount) {
        return new Amount(amount);
    }

    /** {@code value} percent off (0–100). */
    record Percent(BigDecimal value) implements Discount {
        public Percent {
            Objects.requireNonNull(value, "value");
            if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("a percent discount is between 0 and 100: " + value.toPlainString());
            }
        }

        @Override
        public Money amountOff(Money base, RoundingMode mode) {
            return base.times(value.movePointLeft(2), mode).min(base.max(Money.zero(base.currency())));
        }

        @Override
        public boolean isNone() {
            return value.signum() == 0;
        }
    }

    /** A fixed amount off. */
    record Amount(Money value) implements Discount {
        public Amount {
            Objects.requireNonNull(value, "value");
            if (value.isNegative()) {
                throw new IllegalArgumentException("a discount amount must not be negative: " + value);
            }
        }

        @Override
        public Money amountOff(Money base, RoundingMode mode) {
            return value.min(base.max(Money.zero(base.currency())));
        }

        @Override
        public boolean isNone() {
            return value.isZero();
        }
    }
}
