package io.branchpos.domain.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;

/**
 * A count says "at instant t there were n". It is posted later, and sales may have happened in
 * between: the count must not overwrite them. So the COUNT movement is
 * {@code n - onHand(at t)}, computed from the movements up to t only; movements after t stay, and
 * after posting {@code onHand(now) = n + movements after t}.
 */
public final class CountReconciliation {
    private CountReconciliation() {
    }

    /** The signed COUNT movement that makes the ledger agree with {@code counted} at {@code countedAt}. */
    public static BigDecimal adjustment(Collection<StockMovement> movements, StockKey key, BigDecimal counted,
            Instant countedAt) {
        if (counted.signum() < 0) {
            throw new IllegalArgumentException("a counted quantity cannot be negative: " + counted);
        }
        return counted.subtract(StockLedger.onHandAt(movements, key, countedAt));
    }
}
