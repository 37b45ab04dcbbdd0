package io.branchpos.domain.sale;

import io.branchpos.domain.money.Money;
import java.util.Objects;

/**
 * One tender handed over by the customer. {@code reference} is the card terminal's transaction
 * reference or the voucher code — never card data.
 */
public record Payment(Tender tender, Money amount, String reference) {
    public Payment {
        Objects.requireNonNull(tender, "tender");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment must be positive: " + amount);
        }
        if ((tender == Tender.CARD || tender == Tender.VOUCHER) && (reference == null || reference.isBlank())) {
            throw new IllegalArgumentException(tender + " payment needs a reference");
        }
    }

    public static Payment cash(Money amount) {
        return new Payment(Tender.CASH, amount, null);
    }

    public static Payment card(Money amount, String terminalReference) {
        return new Payment(Tender.CARD, amount, terminalReference);
    }

    public static Payment voucher(Money amount, String code) {
        return new Payment(Tender.VOUCHER, amount, code);
    }
}
