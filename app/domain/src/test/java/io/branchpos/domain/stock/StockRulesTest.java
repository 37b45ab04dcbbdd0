package io.branchpos.domain.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class StockRulesTest {
    @Test
    void damagedGoodsAreReceivedButNotPutOnHand() {
        ReceiptLine l = new ReceiptLine("100", new BigDecimal("12"), new BigDecimal("10"), new BigDecimal("2"));
        assertThat(l.sellable()).isEqualByComparingTo("8");
        assertThat(l.overUnder()).isEqualByComparingTo("-2");
    }

    @Test
    void aFreeReceiptHasNoOverOrUnder() {
        assertThat(new ReceiptLine("100", null, new BigDecimal("5"), null).overUnder()).isEqualByComparingTo("0");
    }

    @Test
    void moreDamagedThanReceivedIsRefused() {
        assertThatThrownBy(() -> new ReceiptLine("100", null, BigDecimal.ONE, BigDecimal.TEN))
                .hasMessageContaining("more damaged");
    }

    @Test
    void aFullCountAlsoCoversStockNobodyCounted() {
        assertThat(CountSheet.scope(true, List.of("1", "2"), List.of("2", "3"))).containsExactly("1", "2", "3");
        assertThat(CountSheet.scope(false, List.of("1", "2"), List.of("2", "3"))).containsExactly("1", "2");
    }

    @Test
    void salesAndRefundsAreNotJournaledAsStockMovements() {
        assertThat(MovementKind.SALE.isJournaled()).isFalse();
        assertThat(MovementKind.REFUND.isJournaled()).isFalse();
        assertThat(MovementKind.COUNT.isJournaled()).isTrue();
    }
}
