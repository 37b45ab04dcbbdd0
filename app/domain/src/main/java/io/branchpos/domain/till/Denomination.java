package io.branchpos.domain.till;

import io.branchpos.domain.money.Money;
import java.util.Objects;

/** One note or coin of a currency, as counted in a drawer. */
public record Denomination(Money value, Kind kind) {
    /** Notes are counted by piece, coins often by roll; the UI groups them. */
    public enum Kind { NOTE, COIN }

    public Denomination {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
        if (!value.isPositive()) {
            throw new IllegalArgumentException("a denomination is positive: " + value);
        }
    }

    /** Stable key on the wire and in the database: the value as a plain decimal ("0.05", "50.00"). */
    public String key() {
        return value.toPlainString();
    }
}
