package io.branchpos.desktop.checkout;

import io.branchpos.desktop.common.MoneyFormat;
import io.branchpos.domain.catalog.Product;
import java.util.Locale;

/** One search result as the list shows it. */
public record ProductRow(Product product, String name, String price, String detail) {
    static ProductRow of(Product p, Locale locale) {
        String unit = p.unit().isMeasured() ? " / " + p.unit().symbol() : "";
        return new ProductRow(p, p.name(), MoneyFormat.format(p.price(), locale) + unit,
                p.sku().value() + " · " + p.category());
    }
}
