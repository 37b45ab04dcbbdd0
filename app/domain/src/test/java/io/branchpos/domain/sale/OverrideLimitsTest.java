package io.branchpos.domain.sale;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.money.Money;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OverrideLimitsTest {
    private static final OverrideLimits LIMITS = new OverrideLimits(new BigDecimal("10"), Money.of("5.00", "EUR"));

    @ParameterizedTest(name = "{0} -> {1}: approval {2}")
    @CsvSource(textBlock = """
            10.00, 10.00, false
            10.00,  9.00, false
            10.00,  8.99, true
            100.00, 94.00, true
            100.00, 95.00, false
            10.00, 10.01, true
            0.00,  0.00, false
            """)
    void reductionsAboveThePercentOrAmountLimitNeedApproval(String before, String after, boolean needs) {
        assertThat(LIMITS.needsApproval(Money.of(before, "EUR"), Money.of(after, "EUR"))).isEqualTo(needs);
    }
}
