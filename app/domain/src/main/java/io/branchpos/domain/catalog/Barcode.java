package io.branchpos.domain.catalog;

import java.util.Objects;

/** A code printed on a package that identifies a SKU (EAN-13, UPC-A, an in-store code…). */
public record Barcode(String code, Sku sku) {
    public Barcode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sku, "sku");
        if (code.isBlank() || code.length() > 48) {
            throw new IllegalArgumentException("a barcode has 1 to 48 characters: '" + code + "'");
        }
    }
}
