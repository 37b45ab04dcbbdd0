package io.branchpos.domain.till;

import io.branchpos.domain.money.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** The notes and coins of a currency, largest first. Data, not code: add a currency by adding a row. */
public final class Denominations {
    private static final Map<String, String[][]> TABLE = Map.of(
            "EUR", new String[][] {
                {"500.00", "NOTE"}, {"200.00", "NOTE"}, {"100.00", "NOTE"}, {"50.00", "NOTE"}, {"20.00", "NOTE"},
                {"10.00", "NOTE"}, {"5.00", "NOTE"}, {"2.00", "COIN"}, {"1.00", "COIN"}, {"0.50", "COIN"},
                {"0.20", "COIN"}, {"0.10", "COIN"}, {"0.05", "COIN"}, {"0.02", "COIN"}, {"0.01", "COIN"}},
            "CHF", new String[][] {
                {"1000.00", "NOTE"}, {"200.00", "NOTE"}, {"100.00", "NOTE"}, {"50.00", "NOTE"}, {"20.00", "NOTE"},
                {"10.00", "NOTE"}, {"5.00", "COIN"}, {"2.00", "COIN"}, {"1.00", "COIN"}, {"0.50", "COIN"},
                {"0.20", "COIN"}, {"0.10", "COIN"}, {"0.05", "COIN"}});

    private Denominations() {
    }

    /** The denominations of {@code currency}, largest first; fails for a currency we have no table for. */
    public static List<Denomination> of(Currency currency) {
        String[][] rows = TABLE.get(currency.getCurrencyCode());
        if (rows == null) {
            throw new IllegalArgumentException("no denomination table for " + currency.getCurrencyCode());
        }
        List<Denomination> out = new ArrayList<>();
        for (String[] row : rows) {
            out.add(new Denomination(Money.of(row[0], currency), Denomination.Kind.valueOf(row[1])));
        }
        return List.copyOf(out);
    }
}
