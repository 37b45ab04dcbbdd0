package io.branchpos.desktop.checkout;

import io.branchpos.domain.catalog.Product;
import java.util.List;
import java.util.Optional;

/** What the cashier screen needs of the catalog; the store implements it, tests fake it. */
public interface ProductSearch {
    List<Product> search(String query, int limit);

    Optional<Product> byBarcode(String code);

    /**
     * The product of {@code code} if the catalog holds it in memory, answered at once and safe on
     * the FX thread; empty means "ask {@link #byBarcode}" (not necessarily unknown).
     */
    default Optional<Product> byBarcodeInMemory(String code) {
        return Optional.empty();
    }
}
