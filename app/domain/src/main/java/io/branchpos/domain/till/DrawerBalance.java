package io.branchpos.domain.till;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a drawer should hold, per tender: for cash
 * {@code float + cash sales (net of change) - cash refunds + pay-ins - pay-outs - drops};
 * for the other tenders the sum of their sales minus their refunds (what the slips should add up to).
 */
public final class DrawerBalance {
    private final Currency currency;
    private final Money openingFloat;
    private final Map<Tender, Money> sales = new EnumMap<>(Tender.class);
    private final Map<Tender, Money> refunds = new EnumMap<>(Tender.class);
    private Money payIns;
    private Money payOuts;
    private Money drops;

    public DrawerBalance(Money openingFloat) {
        this.openingFloat = Objects.requireNonNull(openingFloat, "openingFloat");
        this.currency = openingFloat.currency();
        this.payIns = Money.zero(currency);
        this.payOuts = Money.zero(currency);
        this.drops = Money.zero(currency);
    }

    /** A tender taken on a sale; for cash pass what stayed in the drawer (tendered minus change). */
    public DrawerBalance sale(Tender tender, Money amount) {
        sales.merge(tender, amount, Money::plus);
        return this;
    }

    public DrawerBalance refund(Tender tender, Money amount) {
        refunds.merge(tender, amount, Money::plus);
        return this;
    }

    public DrawerBalance movement(CashMovement m) {
        switch (m.kind()) {
            case PAY_IN -> payIns = payIns.plus(m.amount());
            case PAY_OUT -> payOuts = payOuts.plus(m.amount());
            case DROP -> drops = drops.plus(m.amount());
            default -> throw new IllegalStateException(m.kind().name());
        }
        return this;
    }

    public DrawerBalance movements(List<CashMovement> ms) {
        ms.forEach(this::movement);
        return this;
    }

    public Money openingFloat() {
        return openingFloat;
    }

    public Money sales(Tender t) {
        return sales.getOrDefault(t, Money.zero(currency));
    }

    public Money refunds(Tender t) {
        return refunds.getOrDefault(t, Money.zero(currency));
    }

    public Money payIns() {
        return payIns;
    }

    public Money payOuts() {
        return payOuts;
    }

    public Money drops() {
        return drops;
    }

    /** The cash that should be in the drawer now. */
    public Money expectedCash() {
        return openingFloat.plus(sales(Tender.CASH)).minus(refunds(Tender.CASH)).plus(payIns).minus(payOuts)
                .minus(drops);
    }

    /** Expected amount per tender that was used at all (cash is always present). */
    public Map<Tender, Money> expected() {
        Map<Tender, Money> out = new EnumMap<>(Tender.class);
        for (Tender t : Tender.values()) {
            if (t == Tender.CASH) {
                out.put(t, expectedCash());
            } else if (sales.containsKey(t) || refunds.containsKey(t)) {
                out.put(t, sales(t).minus(refunds(t)));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    public Currency currency() {
        return currency;
    }
}
