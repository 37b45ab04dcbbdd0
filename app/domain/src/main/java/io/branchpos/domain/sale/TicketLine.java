package io.branchpos.domain.sale;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line on an open ticket. A voided line stays on the ticket (the void is visible and
 * journaled) but counts for nothing. {@code listPrice} is the catalog price when the line was
 * added; {@code unitPrice} differs from it only after a price override.
 */
public record TicketLine(
        int lineNo,
        Product product,
        BigDecimal quantity,
        Money unitPrice,
        Money listPrice,
        Discount discount,
        String serial,
        boolean voided) {

    public TicketLine {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(listPrice, "listPrice");
        Objects.requireNonNull(discount, "discount");
        product.unit().validate(quantity);
    }

    public boolean priceOverridden() {
        return !unitPrice.equals(listPrice);
    }

    TicketLine withQuantity(BigDecimal q) {
        return new TicketLine(lineNo, product, q, unitPrice, listPrice, discount, serial, voided);
    }

    TicketLine withUnitPrice(Money price) {
        return new TicketLine(lineNo, product, quantity, price, listPrice, discount, serial, voided);
    }

    TicketLine withDiscount(Discount d) {
        return new TicketLine(lineNo, product, quantity, unitPrice, listPrice, d, serial, voided);
    }

    TicketLine asVoided() {
        return new TicketLine(lineNo, product, quantity, unitPrice, listPrice, discount, serial, true);
    }

    LineInput toInput() {
        return new LineInput(quantity, unitPrice, discount, product.taxRate());
    }
}
