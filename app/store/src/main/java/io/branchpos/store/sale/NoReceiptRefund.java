package io.branchpos.store.sale;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.sale.Tender;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A return without a receipt: the products brought back at their current price, approved by a
 * supervisor (who must be named), paid out in cash or as store credit.
 */
public record NoReceiptRefund(List<Line> lines, Tender tender, String tenderReference, String cashierId,
        String approvedBy, String reason) {

    /** One product and how many units (or kg) come back. */
    public record Line(Product product, BigDecimal quantity) {
        public Line {
            Objects.requireNonNull(product, "product");
            product.unit().validate(quantity);
        }
    }

    public NoReceiptRefund {
        lines = List.copyOf(lines);
        Objects.requireNonNull(tender, "tender");
        Objects.requireNonNull(cashierId, "cashierId");
        if (approvedBy == null || approvedBy.isBlank()) {
            throw new IllegalArgumentException("a return without receipt needs a supervisor's approval");
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("nothing to refund");
        }
    }
}
