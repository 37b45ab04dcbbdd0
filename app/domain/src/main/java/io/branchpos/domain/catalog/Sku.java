package io.branchpos.domain.catalog;

import java.util.Objects;

/** A stock-keeping unit: what the shop sells and counts. Many barcodes may point to one SKU. */
public record Sku(String value) {
    public Sku {
        Objects.requireNonNull(value, "sku");
        if (value.isBlank() || value.length() > 32) {
            throw new IllegalArgumentException("a SKU has 1 to 32 characters: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
