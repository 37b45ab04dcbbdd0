package io.branchpos.domain.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** On-hand is the sum of signed movements (DESIGN.md invariant 7); nothing else is stored. */
public final class StockLedger {
    private StockLedger() {
    }

    /** On hand per SKU and location. */
    public static Map<StockKey, BigDecimal> onHand(Collection<StockMovement> movements) {
        Map<StockKey, BigDecimal> out = new TreeMap<>((a, b) -> {
            int c = a.sku().compareTo(b.sku());
            return c != 0 ? c : a.location().compareTo(b.location());
        });
        for (StockMovement m : movements) {
            out.merge(m.key(), m.quantity(), BigDecimal::add);
        }
        return out;
    }

    /** On hand of one SKU at one location counting the movements at or before {@code at}. */
    public static BigDecimal onHandAt(Collection<StockMovement> movements, StockKey key, Instant at) {
        BigDecimal sum = BigDecimal.ZERO;
        for (StockMovement m : movements) {
            if (m.key().equals(key) && !m.at().isAfter(at)) {
                sum = sum.add(m.quantity());
            }
        }
        return sum;
    }

    /** On hand of one SKU at one location, all movements. */
    public static BigDecimal onHand(Collection<StockMovement> movements, StockKey key) {
        return onHandAt(movements, key, Instant.MAX);
    }
}
