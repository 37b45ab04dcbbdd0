package io.branchpos.domain.till;

import java.util.List;
import java.util.Map;

/** The notes and coins in circulation per currency (data, not logic). */
public final class Denominations {
    public static final List<Denomination> EUR = List.of(
            Denomination.note("500"), Denomination.note("200"), Denomination.note("100"), Denomination.note("50"),
            Denomination.note("20"), Denomination.note("10"), Denomination.note("5"),
            Denomination.coin("2"), Denomination.coin("1"), Denomination.coin("0.50"), Denomination.coin("0.20"),
            Denomination.coin("0.10"), Denomination.coin("0.05"), Denomination.coin("0.02"), Denomination.coin("0.01"));

    public static final List<Denomination> CHF = List.of(
            Denomination.note("1000"), Denomination.note("200"), Denomination.note("100"), Denomination.note("50"),
            Denomination.note("20"), Denomination.note("10"),
            Denomination.coin("5"), Denomination.coin("2"), Denomination.coin("1"), Denomination.coin("0.50"),
            Denomination.coin("0.20"), Denomination.coin("0.10"), Denomination.coin("0.05"));

    private static final Map<String, List<Denomination>> BY_CURRENCY = Map.of("EUR", EUR, "CHF", CHF);

    private Denominations() {
    }

    public static List<Denomination> of(String currencyCode) {
        List<Denomination> d = BY_CURRENCY.get(currencyCode);
        if (d == null) {
            throw new IllegalArgumentException("no denominations configured for " + currencyCode);
        }
        return d;
    }
}
