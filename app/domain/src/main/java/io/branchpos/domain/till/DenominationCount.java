package io.branchpos.domain.till;

import io.branchpos.domain.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

/** How many pieces of each denomination were counted; immutable. The total is exact. */
public final class DenominationCount {
    private final Currency currency;
    private final Map<Denomination, Integer> pieces;

    private DenominationCount(Currency currency, Map<Denomination, Integer> pieces) {
        this.currency = currency;
        this.pieces = Collections.unmodifiableMap(pieces);
    }

    public static DenominationCount empty(Currency currency) {
        Map<Denomination, Integer> m = new LinkedHashMap<>();
        for (Denomination d : Denominations.of(currency)) {
            m.put(d, 0);
        }
        return new DenominationCount(currency, m);
    }

    /** A copy with {@code count} pieces of {@code d}. */
    public DenominationCount with(Denomination d, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + count);
        }
        if (!pieces.containsKey(d)) {
            throw new IllegalArgumentException(d.key() + " is not a " + currency.getCurrencyCode() + " denomination");
        }
        Map<Denomination, Integer> m = new LinkedHashMap<>(pieces);
        m.put(d, count);
        return new DenominationCount(currency, m);
    }

    public int count(Denomination d) {
        return pieces.getOrDefault(d, 0);
    }

    public Map<Denomination, Integer> pieces() {
        return pieces;
    }

    public Currency currency() {
        return currency;
    }

    public Money total() {
        Money sum = Money.zero(currency);
        for (Map.Entry<Denomination, Integer> e : pieces.entrySet()) {
            sum = sum.plus(e.getKey().value().times(BigDecimal.valueOf(e.getValue()), RoundingMode.UNNECESSARY));
        }
        return sum;
    }

    /** {"50.00": 2, "0.20": 3} — only the non-zero rows, for the journal. */
    public Map<String, Integer> nonZeroByKey() {
        Map<String, Integer> m = new LinkedHashMap<>();
        pieces.forEach((d, n) -> {
            if (n > 0) {
                m.put(d.key(), n);
            }
        });
        return m;
    }
}
