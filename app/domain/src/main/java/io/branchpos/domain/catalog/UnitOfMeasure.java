package io.branchpos.domain.catalog;

import java.math.BigDecimal;

/** How a product is counted: whole pieces, or a measured (weighed) quantity with 3 decimals. */
public enum UnitOfMeasure {
    PIECE(0, "pc"), KILOGRAM(3, "kg"), LITRE(3, "l"), METRE(3, "m");

    private final int scale;
    private final String symbol;

    UnitOfMeasure(int scale, String symbol) {
        this.scale = scale;
        this.symbol = symbol;
    }

    /** Decimal places a quantity of this unit may have. */
    public int scale() {
        return scale;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isMeasured() {
        return scale > 0;
    }

    /** Accepts {@code quantity} if it is positive and fits this unit; fails with a clear message otherwise. */
    public BigDecimal validate(BigDecimal quantity) {
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity.toPlainString());
        }
        if (quantity.stripTrailingZeros().scale() > scale) {
            throw new IllegalArgumentException(isMeasured()
                    ? "at most " + scale + " decimals for " + symbol + ": " + quantity.toPlainString()
                    : "whole pieces only: " + quantity.toPlainString());
        }
        return quantity;
    }
}
