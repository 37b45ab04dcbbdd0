package io.branchpos.domain.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** One signed change of stock of a SKU at a location at an instant. The only source of on-hand. */
public record StockMovement(String sku, String location, BigDecimal quantity, MovementKind kind, Instant at,
        String reference, String reason) {
    public StockMovement {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    public StockKey key() {
        return new StockKey(sku, location);
    }
}
