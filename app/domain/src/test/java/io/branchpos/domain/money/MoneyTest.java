package io.branchpos.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountIsHeldAtTheCurrencyScale() {
        assertThat(Money.of("3", "EUR").toPlainString()).isEqualTo("3.00");
        assertThat(Money.of("3", "JPY").toPlainString()).isEqualTo("3");
    }

    @Test
    void moreDecimalsThanTheCurrencyAllowsIsRejected() {
        assertThatThrownBy(() -> Money.of("1.005", "EUR")).hasMessageContaining("more decimals than EUR");
    }

    @Test
    void currenciesDoNotMix() {
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD"))).hasMessageContaining("cannot mix");
    }

    @Test
    void equalityIgnoresTrailingZeros() {
        assertThat(Money.of("1.50", "EUR")).isEqualTo(Money.rounded(new BigDecimal("1.5"), Money.of("0", "EUR").currency(), RoundingMode.UNNECESSARY));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0.05, 1.02, 1.00
            0.05, 1.03, 1.05
            0.05, 1.025, 1.05
            0.10, 1.05, 1.10
            0.05, 0.00, 0.00
            """)
    void cashRoundingRoundsToTheSmallestCoin(String increment, String amount, String expected) {
        Money due = Money.rounded(new BigDecimal(amount), java.util.Currency.getInstance("CHF"), RoundingMode.HALF_UP);
        assertThat(CashRounding.to(increment).apply(due).toPlainString()).isEqualTo(expected);
    }

    @Test
    void allocationSplitsExactlyByLargestRemainder() {
        List<Money> parts = Allocation.allocate(Money.of("1.00", "EUR"),
                List.of(Money.of("1", "EUR"), Money.of("1", "EUR"), Money.of("1", "EUR")));
        assertThat(parts).extracting(Money::toPlainString).containsExactly("0.34", "0.33", "0.33");
    }
}
