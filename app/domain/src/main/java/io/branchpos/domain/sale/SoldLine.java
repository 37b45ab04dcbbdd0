package io.branchpos.domain.sale;

import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.money.Money;
import java.math.BigDecimal;

/** A line of a completed sale as a refund sees it. */
public record SoldLine(int lineNo, Sku sku, String description, BigDecimal quantity, Money gross, Money tax) {
}
