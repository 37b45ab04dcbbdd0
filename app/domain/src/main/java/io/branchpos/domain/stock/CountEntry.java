package io.branchpos.domain.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** One scan or typed quantity by one counter during a stock count. */
public record CountEntry(String counterId, String sku, BigDecimal quantity, Instant at) {
    public CountEntry {
        Objects.requireNonNull(counterId, "counterId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(at, "at");
    }
}
