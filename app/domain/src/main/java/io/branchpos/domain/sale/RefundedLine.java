package io.branchpos.domain.sale;

import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.money.Money;
import java.math.BigDecimal;

/** What a refund gives back for one original sale line. */
public record RefundedLine(int originalLineNo, Sku sku, BigDecimal quantity, Money gross, Money tax) {
}
