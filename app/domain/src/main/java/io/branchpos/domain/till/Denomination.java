package io.branchpos.domain.till;

import java.math.BigDecimal;
import java.util.Objects;

/** A note or coin of a currency, e.g. the EUR 20 note or the 0.05 coin. */
public record Denomination(BigDecimal value, Kind kind) implements Comparable<Denomination> {

    /** Notes are counted in bundles, coins in rolls; the count screen groups them. */
    public enum Kind { NOTE, COIN }

    public Denomination {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("a denomination is positive: " + value);
        }
    }

    public static Denomination note(String value) {
        return new Denomination(new BigDecimal(value), Kind.NOTE);
    }

    public static Denomination coin(String value) {
        return new Denomination(new BigDecimal(value), Kind.COIN);
    }

    /** Largest first, as a cashier counts. */
    @Override
    public int compareTo(Denomination o) {
        return o.value.compareTo(value);
    }
}
