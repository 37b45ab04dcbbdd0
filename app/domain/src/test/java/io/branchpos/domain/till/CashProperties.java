package io.branchpos.domain.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.From;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class CashProperties {
    private static final Currency EUR = Currency.getInstance("EUR");

    private static Money cents(long c) {
        return Money.of(BigDecimal.valueOf(c, 2), EUR);
    }

    @Provide
    Arbitrary<CashMovement> movements() {
        return Arbitraries.of(CashMovementKind.values()).flatMap(k -> Arbitraries.longs().between(1, 500_00)
                .map(c -> new CashMovement(k, cents(c), "r")));
    }

    @Property
    void expectedCashIsFloatPlusSalesMinusRefundsPlusPayInsMinusPayOutsMinusDrops(
            @ForAll @LongRange(min = 0, max = 1_000_00) long floatCents,
            @ForAll @Size(max = 40) List<@LongRange(min = 1, max = 200_00) Long> cashSales,
            @ForAll @Size(max = 10) List<@LongRange(min = 1, max = 200_00) Long> cashRefunds,
            @ForAll @Size(max = 15) List<@From("movements") CashMovement> moves) {
        DrawerBalance b = new DrawerBalance(cents(floatCents));
        cashSales.forEach(c -> b.sale(Tender.CASH, cents(c)));
        cashRefunds.forEach(c -> b.refund(Tender.CASH, cents(c)));
        b.movements(moves);
        long expected = floatCents + cashSales.stream().mapToLong(Long::longValue).sum()
                - cashRefunds.stream().mapToLong(Long::longValue).sum()
                + moves.stream().mapToLong(m -> m.signedAmount().amount().movePointRight(2).longValueExact()).sum();
        assertThat(b.expectedCash()).isEqualTo(cents(expected));
        assertThat(b.expected().get(Tender.CASH)).isEqualTo(cents(expected));
    }

    @Property
    void expectedCashDoesNotDependOnTheOrderOfEvents(
            @ForAll @Size(max = 15) List<@From("movements") CashMovement> moves) {
        DrawerBalance a = new DrawerBalance(cents(100_00)).movements(moves);
        List<CashMovement> shuffled = new java.util.ArrayList<>(moves);
        Collections.reverse(shuffled);
        DrawerBalance b = new DrawerBalance(cents(100_00)).movements(shuffled);
        assertThat(a.expectedCash()).isEqualTo(b.expectedCash());
    }

    @Property
    void cardSalesNeverChangeTheCashInTheDrawer(@ForAll @LongRange(min = 1, max = 1_000_00) long card) {
        DrawerBalance b = new DrawerBalance(cents(50_00)).sale(Tender.CARD, cents(card));
        assertThat(b.expectedCash()).isEqualTo(cents(50_00));
        assertThat(b.expected().get(Tender.CARD)).isEqualTo(cents(card));
    }

    @Property
    void aDenominationCountTotalsItsPieces(@ForAll @Size(15) List<@IntRange(min = 0, max = 300) Integer> pieces) {
        List<Denomination> ds = Denominations.EUR;
        CashCount count = CashCount.empty(EUR);
        long expectedCents = 0;
        for (int i = 0; i < ds.size(); i++) {
            count = count.with(ds.get(i), pieces.get(i));
            expectedCents += ds.get(i).value().movePointRight(2).longValueExact() * pieces.get(i);
        }
        assertThat(count.total()).isEqualTo(cents(expectedCents));
    }

    @Property
    void varianceIsCountedMinusExpectedAndNeedsAReasonOnlyBeyondTheThreshold(
            @ForAll @LongRange(min = 0, max = 5_000_00) long expected,
            @ForAll @LongRange(min = 0, max = 5_000_00) long counted,
            @ForAll @LongRange(min = 0, max = 20_00) long threshold) {
        List<TenderVariance> rows = new VariancePolicy(cents(threshold))
                .evaluate(Map.of(Tender.CASH, cents(expected)), Map.of(Tender.CASH, cents(counted)));
        assertThat(rows).hasSize(1);
        TenderVariance v = rows.get(0);
        assertThat(v.variance()).isEqualTo(cents(counted - expected));
        assertThat(v.needsReason()).isEqualTo(Math.abs(counted - expected) > threshold);
    }

    @Property
    void theNextBusinessDayIsAlwaysLaterThanTheClosedOne(@ForAll @IntRange(min = 0, max = 3000) int dayOffset,
            @ForAll @IntRange(min = -48 * 60, max = 96 * 60) int minutesAfterMidnight) {
        BusinessDayRule rule = new BusinessDayRule(ZoneId.of("Europe/Berlin"), LocalTime.of(4, 0));
        LocalDate closed = LocalDate.of(2024, 1, 1).plusDays(dayOffset);
        Instant at = closed.atStartOfDay(rule.zone()).plusMinutes(minutesAfterMidnight).toInstant();
        LocalDate next = rule.nextAfterClose(closed, at);
        assertThat(next).isAfter(closed);
        assertThat(next).isAfterOrEqualTo(rule.dayOf(at));
    }
}
