package io.branchpos.domain.till;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TillRulesTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private final BusinessDayRule berlin = new BusinessDayRule(ZoneId.of("Europe/Berlin"), LocalTime.of(4, 0));

    @ParameterizedTest
    @CsvSource(textBlock = """
            # local time of close,  day closed, next business day
            2026-11-22T22:30,       2026-11-22, 2026-11-23
            2026-11-23T01:30,       2026-11-22, 2026-11-23
            2026-11-23T09:00,       2026-11-22, 2026-11-23
            2026-11-26T09:00,       2026-11-22, 2026-11-26
            2026-11-22T10:00,       2026-11-22, 2026-11-23
            """)
    void aStoreOpenPastMidnightClosesIntoTheRightNextDay(String localClose, LocalDate closed, LocalDate next) {
        Instant at = java.time.LocalDateTime.parse(localClose).atZone(berlin.zone()).toInstant();
        assertThat(berlin.nextAfterClose(closed, at)).isEqualTo(next);
    }

    @Test
    void aSaleAtHalfPastOneBelongsToTheDayBeforeWhenNothingWasClosed() {
        Instant at = java.time.LocalDateTime.parse("2026-11-23T01:30").atZone(berlin.zone()).toInstant();
        assertThat(berlin.dayOf(at)).isEqualTo(LocalDate.parse("2026-11-22"));
    }

    @Test
    void euroDenominationsRunFromFiveHundredToOneCent() {
        List<Denomination> eur = Denominations.EUR;
        assertThat(eur).hasSize(15);
        assertThat(eur.get(0).value()).isEqualByComparingTo("500");
        assertThat(eur.get(14).value()).isEqualByComparingTo("0.01");
        assertThat(eur.stream().filter(d -> d.kind() == Denomination.Kind.NOTE)).hasSize(7);
    }

    @Test
    void aPayOutWithoutReasonIsRefused() {
        assertThatThrownBy(() -> new CashMovement(CashMovementKind.PAY_OUT, Money.of("5.00", EUR), " "))
                .hasMessageContaining("needs a reason");
    }

    @Test
    void aTenderCountedButNotExpectedShowsAsOver() {
        List<TenderVariance> rows = new VariancePolicy(Money.of("1.00", EUR))
                .evaluate(Map.of(Tender.CASH, Money.of("10.00", EUR)),
                        Map.of(Tender.CASH, Money.of("10.00", EUR), Tender.VOUCHER, Money.of("5.00", EUR)));
        assertThat(rows).extracting(TenderVariance::tender).containsExactly(Tender.CASH, Tender.VOUCHER);
        assertThat(rows.get(1).isOver()).isTrue();
        assertThat(VariancePolicy.reasonRequired(rows)).isTrue();
    }
}
