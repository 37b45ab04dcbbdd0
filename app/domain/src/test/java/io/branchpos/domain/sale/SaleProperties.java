package io.branchpos.domain.sale;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.CashRounding;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.money.RoundingPolicy.TaxRoundingLevel;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.domain.tax.TaxLine;
import io.branchpos.domain.tax.TaxRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Money, tax and refund invariants over random tickets. */
class SaleProperties {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final List<TaxRate> RATES = List.of(TaxRate.of("ZERO", "0"), TaxRate.of("REDUCED", "7"),
            TaxRate.of("STANDARD", "19"), TaxRate.of("US", "8.875"));

    record LineSpec(long priceCents, int qty, int rateIndex, int discountPercent) {
    }

    @Provide
    Arbitrary<List<LineSpec>> lines() {
        Arbitrary<LineSpec> line = Combinators.combine(
                Arbitraries.longs().between(0, 500_000),
                Arbitraries.integers().between(1, 50),
                Arbitraries.integers().between(0, RATES.size() - 1),
                Arbitraries.integers().between(0, 100)).as(LineSpec::new);
        return line.list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<RoundingPolicy> policies() {
        return Combinators.combine(Arbitraries.of(TaxRoundingLevel.class),
                Arbitraries.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.HALF_DOWN))
                .as((level, mode) -> new RoundingPolicy(level, mode, CashRounding.NONE));
    }

    private static Ticket ticket(List<LineSpec> specs, PricingMode pricing, RoundingPolicy policy, int receiptPct) {
        Ticket t = new Ticket(UUID.randomUUID(), new SaleCalculator(EUR, pricing, policy));
        int i = 0;
        for (LineSpec s : specs) {
            Product p = new Product(new Sku("S" + i++), "P", "C", RATES.get(s.rateIndex()), UnitOfMeasure.PIECE,
                    Money.of(BigDecimal.valueOf(s.priceCents(), 2), EUR), true, false);
            TicketLine line = t.add(p, BigDecimal.valueOf(s.qty()));
            if (s.discountPercent() > 0) {
                t.setLineDiscount(line.lineNo(), Discount.percent(Integer.toString(s.discountPercent())), null);
            }
        }
        if (receiptPct > 0) {
            t.setReceiptDiscount(Discount.percent(Integer.toString(receiptPct)), null);
        }
        return t;
    }

    @Property
    void totalsAreSumOfLinesMinusDiscountsPlusTaxWithinDocumentedRounding(
            @ForAll("lines") List<LineSpec> specs, @ForAll("policies") RoundingPolicy policy,
            @ForAll PricingMode pricing, @ForAll @IntRange(min = 0, max = 100) int receiptPct) {
        Ticket t = ticket(specs, pricing, policy, receiptPct);
        SaleTotals totals = t.totals();

        Money lineSum = Money.zero(EUR);
        Money discounts = Money.zero(EUR);
        for (LineTotal l : totals.lines()) {
            lineSum = lineSum.plus(l.base());
            discounts = discounts.plus(l.totalDiscount());
        }
        // net + tax == gross, exactly
        assertThat(totals.net().plus(totals.tax())).isEqualTo(totals.gross());
        // breakdown adds up
        Money breakdownTax = totals.taxes().stream().map(TaxLine::tax).reduce(Money.zero(EUR), Money::plus);
        assertThat(breakdownTax).isEqualTo(totals.tax());
        Money afterDiscounts = lineSum.minus(discounts);
        if (pricing == PricingMode.INCLUSIVE) {
            assertThat(totals.gross()).isEqualTo(afterDiscounts);
        } else {
            assertThat(totals.net()).isEqualTo(afterDiscounts);
            assertThat(totals.gross()).isEqualTo(afterDiscounts.plus(totals.tax()));
        }
        // tax is within half a cent per rounding step of the exact tax
        BigDecimal exact = BigDecimal.ZERO;
        for (LineTotal l : totals.lines()) {
            BigDecimal amount = pricing == PricingMode.INCLUSIVE ? l.gross().amount() : l.net().amount();
            BigDecimal p = l.taxRate().percent();
            exact = exact.add(pricing == PricingMode.INCLUSIVE
                    ? amount.multiply(p).divide(BigDecimal.valueOf(100).add(p), 20, RoundingMode.HALF_EVEN)
                    : amount.multiply(p).divide(BigDecimal.valueOf(100), 20, RoundingMode.HALF_EVEN));
        }
        int roundingSteps = policy.level() == TaxRoundingLevel.LINE ? totals.lines().size() : totals.taxes().size();
        // in inclusive mode the exact tax is derived from rounded gross lines, so one step per line is allowed there too
        int allowed = pricing == PricingMode.INCLUSIVE ? totals.lines().size() + roundingSteps : roundingSteps;
        assertThat(totals.tax().amount().subtract(exact).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.005").multiply(BigDecimal.valueOf(allowed)));
        // no line is negative
        assertThat(totals.lines()).allSatisfy(l -> assertThat(l.gross().isNegative()).isFalse());
    }

    @Property
    void splitTendersAddUpToTheAmountDue(@ForAll("lines") List<LineSpec> specs,
            @ForAll @Size(min = 0, max = 4) List<@IntRange(min = 1, max = 100) Integer> cardPercents,
            @ForAll @IntRange(min = 0, max = 5000) int extraCashCents) {
        Ticket t = ticket(specs, PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT, 0);
        Money due = t.totalDue();
        Settlement s = new Settlement(due, CashRounding.NONE);
        int ref = 0;
        for (int pct : cardPercents) {
            Money part = s.remaining().times(BigDecimal.valueOf(pct, 2), RoundingMode.DOWN);
            if (part.isPositive()) {
                s.add(Payment.card(part, "R" + ref++));
            }
        }
        Money rest = s.remaining();
        if (!s.isSettled() && (rest.isPositive() || extraCashCents > 0)) {
            s.add(Payment.cash(rest.plus(Money.of(BigDecimal.valueOf(extraCashCents, 2), EUR))));
        }
        assertThat(s.isSettled() || due.isZero()).isTrue();
        Money tendered = s.payments().stream().map(Payment::amount).reduce(Money.zero(EUR), Money::plus);
        assertThat(tendered.minus(s.change())).isEqualTo(due);
        Money net = Money.zero(EUR);
        for (Tender tender : Tender.values()) {
            net = net.plus(s.netTendered(tender));
        }
        assertThat(net).isEqualTo(due);
    }

    @Property
    void aRefundNeverExceedsWhatWasSold(@ForAll("lines") List<LineSpec> specs,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 60) Integer> attempts) {
        Ticket t = ticket(specs, PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT, 0);
        SaleTotals totals = t.totals();
        List<SoldLine> sold = new ArrayList<>();
        List<TicketLine> lines = t.activeLines();
        for (int i = 0; i < lines.size(); i++) {
            LineTotal lt = totals.lines().get(i);
            sold.add(new SoldLine(lines.get(i).lineNo(), lines.get(i).product().sku(), "x", lines.get(i).quantity(),
                    lt.gross(), lt.tax()));
        }
        List<RefundedLine> done = new ArrayList<>();
        for (int a : attempts) {
            SoldLine target = sold.get(a % sold.size());
            BigDecimal qty = BigDecimal.valueOf(1 + a % 3);
            try {
                done.addAll(RefundCalculator.refund(sold, done, Map.of(target.lineNo(), qty)));
            } catch (RefundRejectedException expectedSometimes) {
                // over-refund attempts are refused; the invariant below must still hold
            }
        }
        Map<Integer, BigDecimal> qty = new HashMap<>();
        Map<Integer, Money> gross = new HashMap<>();
        for (RefundedLine r : done) {
            qty.merge(r.originalLineNo(), r.quantity(), BigDecimal::add);
            gross.merge(r.originalLineNo(), r.gross(), Money::plus);
        }
        for (SoldLine s : sold) {
            assertThat(qty.getOrDefault(s.lineNo(), BigDecimal.ZERO)).isLessThanOrEqualTo(s.quantity());
            assertThat(gross.getOrDefault(s.lineNo(), Money.zero(EUR))).isLessThanOrEqualTo(s.gross());
            if (qty.getOrDefault(s.lineNo(), BigDecimal.ZERO).compareTo(s.quantity()) == 0) {
                assertThat(gross.get(s.lineNo())).isEqualTo(s.gross());
            }
        }
    }

    private static LineInput input(LineSpec s) {
        Discount d = s.discountPercent() > 0 ? Discount.percent(Integer.toString(s.discountPercent())) : Discount.NONE;
        return new LineInput(BigDecimal.valueOf(s.qty()), Money.of(BigDecimal.valueOf(s.priceCents(), 2), EUR), d,
                RATES.get(s.rateIndex()));
    }

    @Property
    void appendingALineGivesTheTotalsOfPricingTheWholeTicket(@ForAll("lines") List<LineSpec> specs,
            @ForAll RoundingMode mode, @ForAll PricingMode pricing, @ForAll TaxRoundingLevel level) {
        Assume.that(mode != RoundingMode.UNNECESSARY);
        SaleCalculator calc = new SaleCalculator(EUR, pricing, new RoundingPolicy(level, mode, CashRounding.NONE));
        assertThat(calc.appendsExactly(Discount.NONE)).isTrue();
        List<LineInput> inputs = new ArrayList<>();
        SaleTotals running = calc.calculate(inputs, Discount.NONE);
        for (LineSpec s : specs) {
            running = calc.append(running, input(s), Discount.NONE);
            inputs.add(input(s));
            assertThat(running).isEqualTo(calc.calculate(inputs, Discount.NONE));
        }
    }

    @Property
    void totalsKeptByTheTicketAcrossChangesEqualPricingItsLinesAgain(@ForAll("lines") List<LineSpec> specs,
            @ForAll("policies") RoundingPolicy policy, @ForAll PricingMode pricing,
            @ForAll @IntRange(min = 0, max = 100) int receiptPct, @ForAll @IntRange(min = 0, max = 30) int receiptAt,
            @ForAll @IntRange(min = 0, max = 30) int voidAt) {
        SaleCalculator calc = new SaleCalculator(EUR, pricing, policy);
        Ticket t = new Ticket(UUID.randomUUID(), calc);
        int i = 0;
        for (LineSpec s : specs) {
            Product p = new Product(new Sku("S" + i), "P", "C", RATES.get(s.rateIndex()), UnitOfMeasure.PIECE,
                    Money.of(BigDecimal.valueOf(s.priceCents(), 2), EUR), true, false);
            TicketLine line = t.add(p, BigDecimal.valueOf(s.qty()));
            assertTotalsArePricedAgain(t, calc);
            if (s.discountPercent() > 0) {
                t.setLineDiscount(line.lineNo(), Discount.percent(Integer.toString(s.discountPercent())), null);
                assertTotalsArePricedAgain(t, calc);
            }
            if (i == receiptAt) {
                t.setReceiptDiscount(receiptPct == 0 ? Discount.NONE
                        : Discount.percent(Integer.toString(receiptPct)), null);
                assertTotalsArePricedAgain(t, calc);
            }
            if (i == voidAt) {
                t.voidLine(line.lineNo());
                assertTotalsArePricedAgain(t, calc);
            }
            i++;
        }
    }

    private static void assertTotalsArePricedAgain(Ticket t, SaleCalculator calc) {
        SaleTotals fresh = calc.calculate(t.activeLines().stream().map(TicketLine::toInput).toList(),
                t.receiptDiscount());
        assertThat(t.totals()).isEqualTo(fresh);
        assertThat(t.totals()).isEqualTo(fresh); // asked twice: the kept totals
    }
}
