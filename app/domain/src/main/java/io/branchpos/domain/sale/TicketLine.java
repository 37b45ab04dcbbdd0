package io.branchpos.domain.sale;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.promo.AppliedPromotion;
import io.branchpos.domain.promo.PromoLine;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line on an open ticket. A voided line stays on the ticket (the void is visible and
 * journaled) but counts for nothing. {@code listPrice} is the catalog price when the line was
 * added; {@code unitPrice} differs from it only after a price override. {@code priceVersion} is
 * HQ's version of that list price (null: not from HQ's feed); {@code promotion} the promotion the
 * ticket's last repricing gave the line (null: none).
 */
public record TicketLine(
        int lineNo,
        Product product,
        BigDecimal quantity,
        Money unitPrice,
        Money listPrice,
        Discount discount,
        String serial,
        boolean voided,
        Long priceVersion,
        AppliedPromotion promotion) {

    public TicketLine {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(listPrice, "listPrice");
        Objects.requireNonNull(discount, "discount");
        product.unit().validate(quantity);
    }

    /** A line without price version or promotion. */
    public TicketLine(int lineNo, Product product, BigDecimal quantity, Money unitPrice, Money listPrice,
            Discount discount, String serial, boolean voided) {
        this(lineNo, product, quantity, unitPrice, listPrice, discount, serial, voided, null, null);
    }

    public boolean priceOverridden() {
        return !unitPrice.equals(listPrice);
    }

    TicketLine withQuantity(BigDecimal q) {
        return new TicketLine(lineNo, product, q, unitPrice, listPrice, discount, serial, voided, priceVersion, promotion);
    }

    TicketLine withUnitPrice(Money price) {
        return new TicketLine(lineNo, product, quantity, price, listPrice, discount, serial, voided, priceVersion, promotion);
    }

    TicketLine withDiscount(Discount d) {
        return new TicketLine(lineNo, product, quantity, unitPrice, listPrice, d, serial, voided, priceVersion, promotion);
    }

    TicketLine withPriceVersion(Long v) {
        return new TicketLine(lineNo, product, quantity, unitPrice, listPrice, discount, serial, voided, v, promotion);
    }

    TicketLine withPromotion(AppliedPromotion p) {
        if (java.util.Objects.equals(p, promotion)) {
            return this; // repricing a ticket keeps the lines whose promotion did not change
        }
        return new TicketLine(lineNo, product, quantity, unitPrice, listPrice, discount, serial, voided, priceVersion, p);
    }

    TicketLine asVoided() {
        return new TicketLine(lineNo, product, quantity, unitPrice, listPrice, discount, serial, true, priceVersion, null);
    }

    LineInput toInput() {
        return new LineInput(quantity, unitPrice, discount, product.taxRate(),
                promotion == null ? Money.zero(unitPrice.currency()) : promotion.amountOff());
    }

    PromoLine toPromoLine() {
        return new PromoLine(lineNo, product.sku().value(), product.category(), quantity, unitPrice,
                !product.unit().isMeasured(), !voided && !priceOverridden());
    }
}
