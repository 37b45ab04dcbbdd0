package io.branchpos.domain.sale;

import io.branchpos.domain.money.Allocation;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.money.RoundingPolicy.TaxRoundingLevel;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.domain.tax.TaxLine;
import io.branchpos.domain.tax.TaxRate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prices a ticket: line amounts, discounts (line and receipt), tax per line or per receipt, and
 * the tax breakdown per rate. The rules are in docs/decisions/0003-money-and-rounding.md.
 */
public final class SaleCalculator {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Currency currency;
    private final PricingMode pricing;
    private final RoundingPolicy rounding;

    public SaleCalculator(Currency currency, PricingMode pricing, RoundingPolicy rounding) {
        this.currency = currency;
        this.pricing = pricing;
        this.rounding = rounding;
    }

    public Currency currency() {
        return currency;
    }

    public PricingMode pricing() {
        return pricing;
    }

    public RoundingPolicy rounding() {
        return rounding;
    }

    public SaleTotals calculate(List<LineInput> inputs, Discount receiptDiscount) {
        RoundingMode mode = rounding.mode();
        int n = inputs.size();
        List<Money> base = new ArrayList<>(n);
        List<Money> promotionOff = new ArrayList<>(n);
        List<Money> lineDiscount = new ArrayList<>(n);
        List<Money> afterLine = new ArrayList<>(n);
        Money subtotal = Money.zero(currency);
        for (LineInput in : inputs) {
            Money b = in.unitPrice().times(in.quantity(), mode);
            // the promotion first, then the cashier's line discount on what is left (decision 0257)
            Money p = in.promotionOff().min(b.max(Money.zero(currency)));
            Money d = in.discount().amountOff(b.minus(p), mode);
            base.add(b);
            promotionOff.add(p);
            lineDiscount.add(d);
            afterLine.add(b.minus(p).minus(d));
            subtotal = subtotal.plus(b.minus(p).minus(d));
        }
        Money receiptOff = receiptDiscount.amountOff(subtotal, mode);
        List<Money> shares = Allocation.allocate(receiptOff, afterLine);
        List<Money> amounts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            amounts.add(afterLine.get(i).minus(shares.get(i)));
        }

        List<Money> taxes = rounding.level() == TaxRoundingLevel.LINE
                ? taxPerLine(inputs, amounts)
                : taxPerReceipt(inputs, amounts);

        List<LineTotal> lines = new ArrayList<>(n);
        Map<String, TaxAccumulator> byRate = new TreeMap<>();
        Money net = Money.zero(currency);
        Money tax = Money.zero(currency);
        Money gross = Money.zero(currency);
        for (int i = 0; i < n; i++) {
            Money amount = amounts.get(i);
            Money t = taxes.get(i);
            Money lineNet = pricing == PricingMode.INCLUSIVE ? amount.minus(t) : amount;
            Money lineGross = pricing == PricingMode.INCLUSIVE ? amount : amount.plus(t);
            TaxRate rate = inputs.get(i).taxRate();
            lines.add(new LineTotal(rate, base.get(i), lineDiscount.get(i), shares.get(i), lineNet, t, lineGross,
                    promotionOff.get(i)));
            byRate.computeIfAbsent(rate.code(), c -> new TaxAccumulator(rate)).add(lineNet, t, lineGross);
            net = net.plus(lineNet);
            tax = tax.plus(t);
            gross = gross.plus(lineGross);
        }
        List<TaxLine> breakdown = new ArrayList<>();
        for (TaxAccumulator acc : byRate.values()) {
            breakdown.add(new TaxLine(acc.rate, acc.net, acc.tax, acc.gross));
        }
        return new SaleTotals(lines, breakdown, receiptOff, net, tax, gross);
    }

    /**
     * Whether {@link #append} gives the same totals as {@link #calculate} for a ticket with this
     * receipt discount: not with a receipt discount (it is spread over all lines, so a new line moves
     * every share). With tax rounded per line a new line changes nothing on the lines before it; with
     * tax rounded per receipt it changes only its own rate's tax and how that is spread over the
     * lines of that rate, which {@code append} redoes for that rate alone.
     */
    public boolean appendsExactly(Discount receiptDiscount) {
        return receiptDiscount.isNone();
    }

    /**
     * The totals of the lines of {@code before} plus {@code added}, without pricing those lines
     * again: the added line is priced alone and its amounts are added to the totals and to its
     * rate's row of the breakdown; with tax rounded per receipt, that rate's tax is rounded again
     * and spread again over the lines of that rate (the other rates' lines keep theirs). Equal to
     * {@code calculate(inputs + added, receiptDiscount)} when {@link #appendsExactly} holds for
     * {@code receiptDiscount} (the caller checks; property
     * {@code SaleProperties.appendingALineGivesTheTotalsOfPricingTheWholeTicket}); a scan of a
     * ticket of n lines then costs one line's arithmetic (plus, per receipt, one rate's spread)
     * instead of pricing all n.
     */
    public SaleTotals append(SaleTotals before, LineInput added, Discount receiptDiscount) {
        if (!appendsExactly(receiptDiscount)) {
            throw new IllegalArgumentException("a line cannot be added alone with " + receiptDiscount
                    + " off the receipt");
        }
        if (rounding.level() == TaxRoundingLevel.RECEIPT) {
            return appendPerReceipt(before, added, receiptDiscount);
        }
        SaleTotals one = calculate(List.of(added), receiptDiscount);
        List<LineTotal> lines = new ArrayList<>(before.lines().size() + 1);
        lines.addAll(before.lines());
        lines.add(one.lines().get(0));
        TaxLine own = one.taxes().get(0);
        return new SaleTotals(lines, withRateRow(before.taxes(), own, true), before.receiptDiscount(),
                before.net().plus(one.net()), before.tax().plus(one.tax()), before.gross().plus(one.gross()));
    }

    /**
     * {@link #append} with tax rounded per receipt and no receipt discount: as {@link #calculate},
     * the added line's rate (by code) gets its tax rounded once over all its lines, with the rate of
     * its first line, and spread over them by {@link Allocation} in line order; every other line and
     * every other rate's row stay as they were.
     */
    private SaleTotals appendPerReceipt(SaleTotals before, LineInput added, Discount receiptDiscount) {
        LineTotal alone = calculate(List.of(added), receiptDiscount).lines().get(0);
        String code = added.taxRate().code();
        List<LineTotal> lines = new ArrayList<>(before.lines().size() + 1);
        lines.addAll(before.lines());
        lines.add(alone);
        List<Integer> idx = new ArrayList<>();
        List<Money> weights = new ArrayList<>();
        Money sum = Money.zero(currency);
        for (int i = 0; i < lines.size(); i++) {
            LineTotal l = lines.get(i);
            if (l.taxRate().code().equals(code)) {
                Money amount = amountOf(l);
                idx.add(i);
                weights.add(amount);
                sum = sum.plus(amount);
            }
        }
        TaxRate rate = lines.get(idx.get(0)).taxRate();
        Money rateTax = Money.rounded(exactTax(sum, rate), currency, rounding.mode());
        List<Money> parts = Allocation.allocate(rateTax, weights);
        Money net = null;
        Money gross = null;
        for (int k = 0; k < idx.size(); k++) {
            int i = idx.get(k);
            LineTotal l = lines.get(i);
            Money amount = weights.get(k);
            Money t = parts.get(k);
            Money lineNet = pricing == PricingMode.INCLUSIVE ? amount.minus(t) : amount;
            Money lineGross = pricing == PricingMode.INCLUSIVE ? amount : amount.plus(t);
            lines.set(i, new LineTotal(l.taxRate(), l.base(), l.lineDiscount(), l.receiptDiscountShare(), lineNet, t,
                    lineGross, l.promotionDiscount()));
            net = net == null ? lineNet : net.plus(lineNet);
            gross = gross == null ? lineGross : gross.plus(lineGross);
        }
        TaxLine row = new TaxLine(rate, net, rateTax, gross);
        TaxLine old = null;
        for (TaxLine t : before.taxes()) {
            if (t.rate().code().equals(code)) {
                old = t;
            }
        }
        Money totalNet = before.net().plus(row.net());
        Money totalTax = before.tax().plus(row.tax());
        Money totalGross = before.gross().plus(row.gross());
        if (old != null) {
            totalNet = totalNet.minus(old.net());
            totalTax = totalTax.minus(old.tax());
            totalGross = totalGross.minus(old.gross());
        }
        return new SaleTotals(lines, withRateRow(before.taxes(), row, false), before.receiptDiscount(), totalNet,
                totalTax, totalGross);
    }

    /** What a line's tax was taken from or added to: its amount after all discounts. */
    private Money amountOf(LineTotal line) {
        return pricing == PricingMode.INCLUSIVE ? line.gross() : line.net();
    }

    /**
     * The breakdown with {@code row}'s rate (by code) added to ({@code add}) or replaced by
     * {@code row}, or {@code row} inserted where its code sorts: ordered by rate code, as
     * {@link #calculate}'s TreeMap.
     */
    private static List<TaxLine> withRateRow(List<TaxLine> taxes, TaxLine row, boolean add) {
        List<TaxLine> breakdown = new ArrayList<>(taxes.size() + 1);
        boolean merged = false;
        for (TaxLine t : taxes) {
            int order = t.rate().code().compareTo(row.rate().code());
            if (!merged && order == 0) {
                breakdown.add(add ? new TaxLine(t.rate(), t.net().plus(row.net()), t.tax().plus(row.tax()),
                        t.gross().plus(row.gross())) : row);
                merged = true;
                continue;
            }
            if (!merged && order > 0) {
                breakdown.add(row);
                merged = true;
            }
            breakdown.add(t);
        }
        if (!merged) {
            breakdown.add(row);
        }
        return breakdown;
    }

    /** The exact (unrounded) tax contained in, or added to, {@code amount}. */
    private BigDecimal exactTax(Money amount, TaxRate rate) {
        BigDecimal p = rate.percent();
        if (pricing == PricingMode.INCLUSIVE) {
            return amount.amount().multiply(p).divide(HUNDRED.add(p), MathContext.DECIMAL128);
        }
        return amount.amount().multiply(p).divide(HUNDRED, MathContext.DECIMAL128);
    }

    private List<Money> taxPerLine(List<LineInput> inputs, List<Money> amounts) {
        List<Money> taxes = new ArrayList<>(amounts.size());
        for (int i = 0; i < amounts.size(); i++) {
            taxes.add(Money.rounded(exactTax(amounts.get(i), inputs.get(i).taxRate()), currency, rounding.mode()));
        }
        return taxes;
    }

    /** Tax rounded once per rate, then spread over that rate's lines so the lines still add up. */
    private List<Money> taxPerReceipt(List<LineInput> inputs, List<Money> amounts) {
        Map<String, List<Integer>> linesByRate = new TreeMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            linesByRate.computeIfAbsent(inputs.get(i).taxRate().code(), c -> new ArrayList<>()).add(i);
        }
        Money[] taxes = new Money[amounts.size()];
        for (List<Integer> idx : linesByRate.values()) {
            Money sum = Money.zero(currency);
            List<Money> weights = new ArrayList<>(idx.size());
            for (int i : idx) {
                sum = sum.plus(amounts.get(i));
                weights.add(amounts.get(i));
            }
            TaxRate rate = inputs.get(idx.get(0)).taxRate();
            Money rateTax = Money.rounded(exactTax(sum, rate), currency, rounding.mode());
            List<Money> parts = Allocation.allocate(rateTax, weights);
            for (int k = 0; k < idx.size(); k++) {
                taxes[idx.get(k)] = parts.get(k);
            }
        }
        return List.of(taxes);
    }

    private static final class TaxAccumulator {
        private final TaxRate rate;
        private Money net;
        private Money tax;
        private Money gross;

        TaxAccumulator(TaxRate rate) {
            this.rate = rate;
        }

        void add(Money n, Money t, Money g) {
            net = net == null ? n : net.plus(n);
            tax = tax == null ? t : tax.plus(t);
            gross = gross == null ? g : gross.plus(g);
        }
    }
}
