package io.branchpos.desktop.common;

import io.branchpos.domain.money.Money;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Locale-aware display of money ("€1.99" in English, "1,99 €" in German). */
public final class MoneyFormat {
    /**
     * One configured format per locale, currency and scale, copied for each use (a format is not
     * thread-safe): building one looks up locale providers, which cost more than the formatting
     * when a ticket of many lines is redrawn at every scan.
     */
    private static final Map<Key, NumberFormat> PROTOTYPES = new ConcurrentHashMap<>();

    private record Key(Locale locale, Currency currency, int scale) {
    }

    private MoneyFormat() {
    }

    public static String format(Money money, Locale locale) {
        NumberFormat prototype = PROTOTYPES.computeIfAbsent(new Key(locale, money.currency(), money.scale()), k -> {
            NumberFormat f = NumberFormat.getCurrencyInstance(k.locale());
            f.setCurrency(k.currency());
            f.setMinimumFractionDigits(k.scale());
            f.setMaximumFractionDigits(k.scale());
            return f;
        });
        return ((NumberFormat) prototype.clone()).format(money.amount());
    }
}
