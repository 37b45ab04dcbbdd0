package io.branchpos.desktop.common;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Discount;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/** Parsing of what a cashier types: amounts and quantities with a dot or a comma, discounts as "10%" or "2.50". */
public final class Inputs {
    private Inputs() {
    }

    public static Optional<BigDecimal> decimal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().replace(',', '.');
        if (t.isEmpty() || !t.matches("\\d{0,9}(\\.\\d{0,6})?") || t.equals(".")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(t.startsWith(".") ? "0" + t : t));
    }

    /** An amount in {@code currency}; empty if not a number or with too many decimals. */
    public static Optional<Money> money(String text, Currency currency) {
        return decimal(text).flatMap(d -> {
            if (d.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
                return Optional.empty();
            }
            return Optional.of(Money.of(d.setScale(currency.getDefaultFractionDigits()), currency));
        });
    }

    /** "10%" is a percentage, "2.50" an amount. */
    public static Optional<Discount> discount(String text, Currency currency) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.endsWith("%")) {
            return decimal(t.substring(0, t.length() - 1)).filter(d -> d.compareTo(BigDecimal.valueOf(100)) <= 0)
                    .map(d -> (Discount) new Discount.Percent(d));
        }
        return money(t, currency).map(Discount::amount);
    }
}
