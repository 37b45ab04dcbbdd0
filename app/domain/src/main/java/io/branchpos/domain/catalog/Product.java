package io.branchpos.domain.catalog;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import java.util.Objects;

/**
 * A product as the till sells it: its SKU, name, category, tax rate, unit and current price.
 * {@code serialized} products need a serial number per physical unit sold.
 */
public record Product(
        Sku sku,
        String name,
        String category,
        TaxRate taxRate,
        UnitOfMeasure unit,
        Money price,
        boolean active,
        boolean serialized) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(taxRate, "taxRate");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(price, "price");
        if (name.isBlank()) {
            throw new IllegalArgumentException("product " + sku + " has no name");
        }
        if (price.isNegative()) {
            throw new IllegalArgumentException("product " + sku + " has a negative price");
        }
    }
}
