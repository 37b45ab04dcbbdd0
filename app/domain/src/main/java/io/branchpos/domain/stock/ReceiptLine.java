package io.branchpos.domain.stock;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a delivery: what the document said ({@code expected}, null for a free receipt), what
 * arrived and how much of it was damaged. Only the sellable part goes on hand; over/under is kept.
 */
public record ReceiptLine(String sku, BigDecimal expected, BigDecimal received, BigDecimal damaged) {
    public ReceiptLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(received, "received");
        damaged = damaged == null ? BigDecimal.ZERO : damaged;
        if (received.signum() < 0 || damaged.signum() < 0 || (expected != null && expected.signum() < 0)) {
            throw new IllegalArgumentException("receipt quantities cannot be negative");
        }
        if (damaged.compareTo(received) > 0) {
            throw new IllegalArgumentException("more damaged (" + damaged + ") than received (" + received + ")");
        }
    }

    /** What goes on hand. */
    public BigDecimal sellable() {
        return received.subtract(damaged);
    }

    /** Received minus expected: positive is over-delivery, negative is short; zero for a free receipt. */
    public BigDecimal overUnder() {
        return expected == null ? BigDecimal.ZERO : received.subtract(expected);
    }
}
