package io.branchpos.domain.sale;

import static io.branchpos.domain.sale.Fixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.domain.catalog.Sku;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundCalculatorTest {
    private final List<SoldLine> sold = List.of(
            new SoldLine(1, new Sku("A"), "Socks", BigDecimal.valueOf(3), eur("10.00"), eur("1.60")),
            new SoldLine(2, new Sku("B"), "Hat", BigDecimal.ONE, eur("20.00"), eur("3.19")));

    @Test
    void partialRefundsNeverAddUpToMoreThanTheLine() throws Exception {
        List<RefundedLine> earlier = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            earlier.addAll(RefundCalculator.refund(sold, earlier, Map.of(1, BigDecimal.ONE)));
        }
        assertThat(earlier).extracting(r -> r.gross().toPlainString()).containsExactly("3.33", "3.33", "3.34");
        assertThat(RefundCalculator.total(earlier, eur("0"))).isEqualTo(eur("10.00"));
    }

    @Test
    void refundIsRejectedWhenLineAlreadyRefunded() throws Exception {
        List<RefundedLine> earlier = RefundCalculator.refund(sold, List.of(), Map.of(2, BigDecimal.ONE));
        assertThatThrownBy(() -> RefundCalculator.refund(sold, earlier, Map.of(2, BigDecimal.ONE)))
                .isInstanceOf(RefundRejectedException.class)
                .hasMessageContaining("already refunded 1, so at most 0");
    }

    @Test
    void refundOfAnUnknownLineIsRejected() {
        assertThatThrownBy(() -> RefundCalculator.refund(sold, List.of(), Map.of(9, BigDecimal.ONE)))
                .hasMessageContaining("no line 9");
    }
}
