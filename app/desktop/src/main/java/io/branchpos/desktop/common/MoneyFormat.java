package io.branchpos.desktop.common;

import io.branchpos.domain.money.Money;
import java.text.NumberFormat;
import java.util.Locale;

/** Locale-aware display of money ("€1.99" in English, "1,99 €" in German). */
public final class MoneyFormat {
    private MoneyFormat() {
    }

    public static String format(Money money, Locale locale) {
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        f.setCurrency(money.currency());
        f.setMinimumFractionDigits(money.scale());
        f.setMaximumFractionDigits(money.scale());
        return f.format(money.amount());
    }
}
