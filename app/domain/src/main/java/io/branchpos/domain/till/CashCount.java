package io.branchpos.domain.till;

import io.branchpos.domain.money.Money;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Cash counted by denomination: how many of each note and coin. The total follows from it. */
public record CashCount(Currency currency, Map<Denomination, Integer> pieces) {

    public CashCount {
        Objects.requireNonNull(currency, "currency");
        TreeMap<Denomination, Integer> copy = new TreeMap<>();
        for (Map.Entry<Denomination, Integer> e : pieces.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("a count cannot be negative: " + e.getKey().value() + " × " + e.getValue());
            }
            if (e.getValue() > 0) {
                copy.put(e.getKey(), e.getValue());
            }
        }
        pieces = Collections.unmodifiableMap(copy);
    }

    public static CashCount empty(Currency currency) {
        return new CashCount(currency, Map.of());
    }

    public CashCount with(Denomination d, int count) {
        TreeMap<Denomination, Integer> copy = new TreeMap<>(pieces);
        copy.put(d, count);
        return new CashCount(currency, copy);
    }

    public int count(Denomination d) {
        return pieces.getOrDefault(d, 0);
    }

    public Money total() {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<Denomination, Integer> e : pieces.entrySet()) {
            sum = sum.add(e.getKey().value().multiply(BigDecimal.valueOf(e.getValue())));
        }
        return Money.of(sum, currency);
    }
}
