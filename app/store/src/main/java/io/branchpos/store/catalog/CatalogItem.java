package io.branchpos.store.catalog;

import io.branchpos.domain.catalog.Product;
import java.util.List;

/** A product with all its barcodes: the unit of catalog import. */
public record CatalogItem(Product product, List<String> barcodes) {
    public CatalogItem {
        barcodes = List.copyOf(barcodes);
    }
}
