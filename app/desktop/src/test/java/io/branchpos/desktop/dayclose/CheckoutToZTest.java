package io.branchpos.desktop.dayclose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.desktop.manager.ManagerServices;
import io.branchpos.desktop.manager.ManagerTestServices;
import io.branchpos.desktop.manager.TillViewModel;
import io.branchpos.desktop.reports.PdfContent;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.dayclose.ZReport;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.SaleTotals;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.CashMovementKind;
import io.branchpos.domain.till.Denomination;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.store.sale.RefundReceipt;
import io.branchpos.store.sale.RefundRequest;
import io.branchpos.store.sale.SaleReceipt;
import io.branchpos.store.sale.SalesRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One business day from the checkout to the Z, on a real H2 store through the same repositories and
 * view models the screens use: open with a float, a cash sale with change, a card sale, a cash
 * refund of part of the first sale, a pay-out, then the blind count and sign-off. Every Z figure is
 * checked to the cent against what the checkout computed and what went through the drawer.
 */
class CheckoutToZTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Money eur(BigDecimal v) {
        return Money.of(v, ManagerTestServices.EUR);
    }

    private record Sold(SaleReceipt receipt, SaleTotals totals) {
    }

    private static Sold sell(ManagerServices s, String cashier, Product p, int quantity, Payment payment) {
        Ticket t = new Ticket(s.store().config().ids().next(), new SaleCalculator(ManagerTestServices.EUR, PricingMode.INCLUSIVE,
                RoundingPolicy.DEFAULT));
        t.add(p, BigDecimal.valueOf(quantity));
        Settlement settlement = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
        settlement.add(payment);
        SaleTotals totals = t.totals();
        return new Sold(new SalesRepository(s.store()).complete(CompletedSale.of(t, settlement, cashier, Instant.now())), totals);
    }

    @Test
    void cashAndCardSalesARefundAndAPayOutCloseToAZThatAgreesToTheCent() throws Exception {
        ManagerServices s = ManagerTestServices.open(dir, 20);
        try (var store = s.store()) {
            s.till().open("u-mgr", CashCount.empty(ManagerTestServices.EUR).with(Denomination.note("50"), 2));
            List<Product> ps = ManagerTestServices.products(s, 2);
            Product a = ps.get(0);
            Product b = ps.get(1);
            BigDecimal pa = a.price().amount();
            BigDecimal pb = b.price().amount();

            // 1. two of A in cash; the customer hands over the next multiple of 10 and gets change
            BigDecimal dueA = pa.multiply(BigDecimal.valueOf(2));
            BigDecimal tendered = dueA.divide(BigDecimal.TEN, 0, RoundingMode.CEILING).add(BigDecimal.ONE).multiply(BigDecimal.TEN);
            Sold cash = sell(s, "u-anna", a, 2, Payment.cash(eur(tendered)));
            // 2. one of B by card
            Sold card = sell(s, "u-ben", b, 1, Payment.card(eur(pb), "AUTH-1"));
            // 3. one of the two A back, in cash
            RefundReceipt refund = new SalesRepository(s.store()).refund(new RefundRequest(cash.receipt().receiptNumber(),
                    Map.of(1, BigDecimal.ONE), Tender.CASH, null, "u-anna", null, "wrong size"));
            assertThat(refund.total().amount()).isEqualByComparingTo(pa);
            // 4. a pay-out through the till screen's view model
            TillViewModel till = new TillViewModel(s, ManagerTestServices.MANAGER, null);
            till.kindProperty().set(CashMovementKind.PAY_OUT);
            till.amountProperty().set("7.35");
            till.reasonProperty().set("window cleaner");
            till.record();
            assertThat(till.messageProperty().get()).contains("7.35");

            // the drawer: float 100 + 2A in - change given (tendered - 2A, so the drawer keeps 2A) - A refunded - 7.35
            BigDecimal drawer = new BigDecimal("100.00").add(dueA).subtract(pa).subtract(new BigDecimal("7.35"));

            // 5. close the day: count exactly what is in the drawer, and the card slips
            DayCloseViewModel close = new DayCloseViewModel(s, ManagerTestServices.MANAGER, null);
            count(close, drawer);
            assertThat(new BigDecimal(close.countedCashProperty().get())).isEqualByComparingTo(drawer);
            close.cardTotalProperty().set(pb.toPlainString());
            close.reveal();
            assertThat(close.variances()).extracting(DayCloseViewModel.VarianceRow::tender, DayCloseViewModel.VarianceRow::variance)
                    .contains(org.assertj.core.groups.Tuple.tuple("CASH", "0.00"), org.assertj.core.groups.Tuple.tuple("CARD", "0.00"));
            assertThat(close.variances()).filteredOn(v -> v.tender().equals("CASH")).singleElement()
                    .satisfies(v -> assertThat(new BigDecimal(v.expected())).isEqualByComparingTo(drawer));
            close.signOff();
            assertThat(close.stepProperty().get()).isEqualTo(DayCloseViewModel.Step.DONE);

            ZReport z = close.zReport();
            assertThat(z.zNumber()).isEqualTo(1);
            assertThat(z.salesCount()).isEqualTo(2);
            assertThat(z.refundsCount()).isEqualTo(1);
            assertThat(z.gross().amount()).isEqualByComparingTo(dueA.add(pb));
            assertThat(z.gross().amount()).isEqualByComparingTo(cash.totals().gross().amount().add(card.totals().gross().amount()));
            assertThat(z.tax().amount()).isEqualByComparingTo(cash.totals().tax().amount().add(card.totals().tax().amount()));
            assertThat(z.net().amount()).isEqualByComparingTo(cash.totals().net().amount().add(card.totals().net().amount()));
            assertThat(z.taxes().stream().map(t -> t.tax().amount()).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(z.tax().amount());
            assertThat(z.refunds().amount()).isEqualByComparingTo(pa);
            assertThat(z.tenders().get(Tender.CASH).amount()).as("cash net of change and refund").isEqualByComparingTo(pa);
            assertThat(z.tenders().get(Tender.CARD).amount()).isEqualByComparingTo(pb);
            assertThat(z.openingFloat().amount()).isEqualByComparingTo("100.00");
            assertThat(z.payOuts().amount()).isEqualByComparingTo("7.35");
            assertThat(z.payIns().amount()).isZero();
            assertThat(z.cashiers()).extracting(ZReport.CashierTotal::cashierId).containsExactlyInAnyOrder("u-anna", "u-ben");
            assertThat(z.variances()).allSatisfy(v -> assertThat(v.variance().amount()).isZero());

            // the DAY_CLOSED manifest HQ reconciles says the same
            JournalEvent closed = new JournalRepository(s.store()).after(0, 1000).stream()
                    .filter(e -> e.type().equals("DAY_CLOSED")).reduce((x, y) -> y).orElseThrow();
            JsonNode manifest = JSON.readTree(closed.payload());
            assertThat(new BigDecimal(manifest.get("totals").get("gross").asText())).isEqualByComparingTo(z.gross().amount());
            assertThat(new BigDecimal(manifest.get("tenders").get("CASH").asText())).isEqualByComparingTo(pa);
            assertThat(new BigDecimal(manifest.get("tenders").get("CARD").asText())).isEqualByComparingTo(pb);
            assertThat(manifest.get("salesCount").asInt()).isEqualTo(2);
            assertThat(manifest.get("refundsCount").asInt()).isEqualTo(1);

            // and the PDF's tender chart draws CASH and CARD in the ratio of the amounts
            PdfContent pdf = PdfContent.parse(Files.readAllBytes(close.exportPdf()));
            String tenders = "Tenders (net of refunds) - " + z.businessDay();
            List<String> titles = List.of("Sales by hour - " + z.businessDay(), tenders, "Sales by cashier - " + z.businessDay());
            List<PdfContent.Rect> bars = pdf.pageWith(tenders).rectsOfChart(tenders, titles);
            assertThat(bars).hasSize(2);
            float cashWidth = z.tenders().keySet().iterator().next() == Tender.CASH ? bars.get(0).width() : bars.get(1).width();
            float cardWidth = z.tenders().keySet().iterator().next() == Tender.CASH ? bars.get(1).width() : bars.get(0).width();
            assertThat(BigDecimal.valueOf(cashWidth / cardWidth).setScale(2, RoundingMode.HALF_EVEN))
                    .isCloseTo(pa.divide(pb, 2, RoundingMode.HALF_EVEN), org.assertj.core.data.Offset.offset(new BigDecimal("0.01")));
            assertThat(pdf.pageWith(tenders).texts()).contains(pa.setScale(2).toPlainString(), pb.setScale(2).toPlainString());
        }
    }

    /** Types the drawer's content into the denomination rows, largest first. */
    private static void count(DayCloseViewModel close, BigDecimal amount) {
        BigDecimal left = amount;
        for (DenominationRow row : close.cash().stream()
                .sorted(Comparator.comparing((DenominationRow r) -> r.denomination().value()).reversed()).toList()) {
            int pieces = left.divideToIntegralValue(row.denomination().value()).intValue();
            row.piecesProperty().set(pieces);
            left = left.subtract(row.denomination().value().multiply(BigDecimal.valueOf(pieces)));
        }
        assertThat(left).as("the denominations make up the amount").isZero();
    }
}
