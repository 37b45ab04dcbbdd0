package io.branchpos.domain.promo;

import io.branchpos.domain.money.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the promotion engine needs of one ticket line. {@code counted}: sold in whole units (not
 * weighed), so it can take part in buy-X-get-Y and mix-and-match. {@code eligible} is false for a
 * line whose price a person set (override, price label): promotions leave it alone.
 */
public record PromoLine(int lineNo, String sku, String category, BigDecimal quantity, Money unitPrice, boolean counted,
        boolean eligible) {
    public PromoLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
    }
}
