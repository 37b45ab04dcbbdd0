package io.branchpos.domain.sale;

import static io.branchpos.domain.sale.Fixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.domain.money.CashRounding;
import io.branchpos.domain.money.Money;
import org.junit.jupiter.api.Test;

class SettlementTest {

    @Test
    void cashGivesChange() {
        Settlement s = new Settlement(eur("7.30"), CashRounding.NONE);
        s.add(Payment.cash(eur("10.00")));
        assertThat(s.isSettled()).isTrue();
        assertThat(s.change()).isEqualTo(eur("2.70"));
        assertThat(s.netTendered(Tender.CASH)).isEqualTo(eur("7.30"));
    }

    @Test
    void splitTenderCardThenCash() {
        Settlement s = new Settlement(eur("50.00"), CashRounding.NONE);
        s.add(Payment.card(eur("30.00"), "AUTH-1"));
        assertThat(s.remaining()).isEqualTo(eur("20.00"));
        s.add(Payment.cash(eur("20.00")));
        assertThat(s.isSettled()).isTrue();
        assertThat(s.change()).isEqualTo(eur("0.00"));
    }

    @Test
    void cardCannotBeOverpaid() {
        Settlement s = new Settlement(eur("5.00"), CashRounding.NONE);
        assertThatThrownBy(() -> s.add(Payment.card(eur("6.00"), "X"))).hasMessageContaining("gives no change");
        assertThat(s.payments()).isEmpty();
    }

    @Test
    void cashIsRoundedToTheSmallestCoinButCardIsNot() {
        Money due = Money.of("1.02", "CHF");
        Settlement cash = new Settlement(due, CashRounding.to("0.05"));
        cash.add(Payment.cash(Money.of("1.00", "CHF")));
        assertThat(cash.isSettled()).isTrue();
        assertThat(cash.cashRoundingAdjustment()).isEqualTo(Money.of("-0.02", "CHF"));
        Settlement card = new Settlement(due, CashRounding.to("0.05"));
        card.add(Payment.card(Money.of("1.02", "CHF"), "R"));
        assertThat(card.isSettled()).isTrue();
        assertThat(card.cashRoundingAdjustment().isZero()).isTrue();
    }

    @Test
    void paymentAfterSettledIsRefused() {
        Settlement s = new Settlement(eur("1.00"), CashRounding.NONE);
        s.add(Payment.cash(eur("1.00")));
        assertThatThrownBy(() -> s.add(Payment.cash(eur("1.00")))).hasMessageContaining("already paid");
    }

    @Test
    void cardPaymentNeedsTheTerminalReference() {
        assertThatThrownBy(() -> Payment.card(eur("1.00"), " ")).hasMessageContaining("reference");
    }
}
