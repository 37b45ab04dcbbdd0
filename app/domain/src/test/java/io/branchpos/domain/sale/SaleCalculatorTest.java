package io.branchpos.domain.sale;

import static io.branchpos.domain.sale.Fixtures.REDUCED;
import static io.branchpos.domain.sale.Fixtures.STANDARD;
import static io.branchpos.domain.sale.Fixtures.eur;
import static io.branchpos.domain.sale.Fixtures.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.domain.money.CashRounding;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.money.RoundingPolicy.TaxRoundingLevel;
import io.branchpos.domain.tax.PricingMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class SaleCalculatorTest {

    @Test
    void inclusivePricesContainTheirTaxPerRate() {
        Ticket t = Fixtures.germanTicket();
        t.add(product("1", "1.19", STANDARD), BigDecimal.valueOf(2));
        t.add(product("2", "1.07", REDUCED), BigDecimal.ONE);
        SaleTotals totals = t.totals();
        assertThat(totals.gross()).isEqualTo(eur("3.45"));
        assertThat(totals.tax()).isEqualTo(eur("0.45"));
        assertThat(totals.net()).isEqualTo(eur("3.00"));
        assertThat(totals.taxes()).extracting(l -> l.rate().code() + "=" + l.tax().toPlainString())
                .containsExactly("REDUCED=0.07", "STANDARD=0.38");
    }

    @Test
    void exclusivePricesGetTaxAdded() {
        Ticket t = Fixtures.ticket(PricingMode.EXCLUSIVE, RoundingPolicy.DEFAULT);
        t.add(product("1", "10.00", TaxRateFor.rate("8.875")), BigDecimal.ONE);
        SaleTotals totals = t.totals();
        assertThat(totals.tax()).isEqualTo(eur("0.89"));
        assertThat(totals.gross()).isEqualTo(eur("10.89"));
    }

    @Test
    void lineRoundingCanDifferFromReceiptRoundingByCents() {
        RoundingPolicy perLine = new RoundingPolicy(TaxRoundingLevel.LINE, RoundingMode.HALF_UP, CashRounding.NONE);
        Ticket line = Fixtures.ticket(PricingMode.EXCLUSIVE, perLine);
        Ticket receipt = Fixtures.ticket(PricingMode.EXCLUSIVE, RoundingPolicy.DEFAULT);
        for (Ticket t : new Ticket[] {line, receipt}) {
            for (int i = 0; i < 3; i++) {
                t.add(product("p" + i, "0.10", STANDARD), BigDecimal.ONE);
            }
        }
        // 0.019 per line rounds up to 0.02 three times; 0.057 on the receipt rounds to 0.06
        assertThat(line.totals().tax()).isEqualTo(eur("0.06"));
        assertThat(receipt.totals().tax()).isEqualTo(eur("0.06"));
        Ticket line2 = Fixtures.ticket(PricingMode.EXCLUSIVE, perLine);
        Ticket receipt2 = Fixtures.ticket(PricingMode.EXCLUSIVE, RoundingPolicy.DEFAULT);
        for (Ticket t : new Ticket[] {line2, receipt2}) {
            for (int i = 0; i < 4; i++) {
                t.add(product("p" + i, "0.13", STANDARD), BigDecimal.ONE);
            }
        }
        // 0.0247 → 0.02 per line (0.08); receipt 0.0988 → 0.10
        assertThat(line2.totals().tax()).isEqualTo(eur("0.08"));
        assertThat(receipt2.totals().tax()).isEqualTo(eur("0.10"));
    }

    @Test
    void receiptDiscountIsSpreadOverLinesAndTaxedAtEachLinesRate() {
        Ticket t = Fixtures.germanTicket();
        t.add(product("1", "10.00", STANDARD), BigDecimal.ONE);
        t.add(product("2", "10.00", REDUCED), BigDecimal.ONE);
        t.setReceiptDiscount(Discount.percent("10"), null);
        SaleTotals totals = t.totals();
        assertThat(totals.receiptDiscount()).isEqualTo(eur("2.00"));
        assertThat(totals.gross()).isEqualTo(eur("18.00"));
        assertThat(totals.lines()).extracting(l -> l.gross().toPlainString()).containsExactly("9.00", "9.00");
        assertThat(totals.taxes()).extracting(l -> l.tax().toPlainString()).containsExactly("0.59", "1.44");
    }

    @Test
    void lineDiscountNeverMakesALineNegative() {
        Ticket t = Fixtures.germanTicket();
        t.add(product("1", "2.00", STANDARD), BigDecimal.ONE);
        t.setLineDiscount(1, Discount.amount(eur("5.00")), null);
        assertThat(t.totals().gross()).isEqualTo(eur("0.00"));
    }

    @Test
    void weighedItemsTakeThreeDecimalsAndRoundTheLine() {
        Ticket t = Fixtures.germanTicket();
        t.add(Fixtures.weighed("c", "12.99"), new BigDecimal("0.375"));
        assertThat(t.totals().gross()).isEqualTo(eur("4.87"));
        assertThatThrownBy(() -> t.add(Fixtures.weighed("c", "12.99"), new BigDecimal("0.3755")))
                .hasMessageContaining("at most 3 decimals");
    }

    @Test
    void piecesMustBeWhole() {
        Ticket t = Fixtures.germanTicket();
        assertThatThrownBy(() -> t.add(product("1", "1.00", STANDARD), new BigDecimal("1.5")))
                .hasMessageContaining("whole pieces");
    }

    @Test
    void voidedLinesDoNotCount() {
        Ticket t = Fixtures.germanTicket();
        t.add(product("1", "1.00", STANDARD), BigDecimal.ONE);
        t.add(product("2", "2.00", STANDARD), BigDecimal.ONE);
        t.voidLine(1);
        assertThat(t.totals().gross()).isEqualTo(eur("2.00"));
        assertThat(t.lines()).hasSize(2);
    }

    @Test
    void serializedItemNeedsASerialAndTheSameSerialCannotBeOnTheTicketTwice() {
        Ticket t = Fixtures.germanTicket();
        var phone = new io.branchpos.domain.catalog.Product(new io.branchpos.domain.catalog.Sku("ph"), "Phone", "Tech",
                STANDARD, io.branchpos.domain.catalog.UnitOfMeasure.PIECE, eur("199.00"), true, true);
        assertThatThrownBy(() -> t.add(phone, BigDecimal.ONE)).hasMessageContaining("serial");
        t.add(phone, BigDecimal.ONE, phone.price(), "SN1");
        assertThatThrownBy(() -> t.add(phone, BigDecimal.ONE, phone.price(), "SN1")).hasMessageContaining("already");
    }

    @Test
    void priceOverrideRecordsTheApproval() {
        Ticket t = Fixtures.germanTicket();
        t.add(product("1", "5.00", STANDARD), BigDecimal.ONE);
        t.overridePrice(1, eur("4.00"), new Approval("PRICE_OVERRIDE", 1, "sup", "damaged box"));
        assertThat(t.line(1).priceOverridden()).isTrue();
        assertThat(t.approvals()).singleElement().extracting(Approval::approvedBy).isEqualTo("sup");
        assertThat(t.totals().gross()).isEqualTo(eur("4.00"));
    }

    static final class TaxRateFor {
        static io.branchpos.domain.tax.TaxRate rate(String percent) {
            return io.branchpos.domain.tax.TaxRate.of("SALES", percent);
        }
    }
}
