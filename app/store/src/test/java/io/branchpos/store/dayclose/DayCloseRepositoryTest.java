package io.branchpos.store.dayclose;

import static io.branchpos.store.dayclose.ManagerFixtures.EUR;
import static io.branchpos.store.dayclose.ManagerFixtures.cash;
import static io.branchpos.store.dayclose.ManagerFixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.dayclose.ZReport;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.till.CashMovement;
import io.branchpos.domain.till.CashMovementKind;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.TestStores;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.store.sale.RefundRequest;
import io.branchpos.store.sale.SaleReceipt;
import io.branchpos.store.sale.SalesRepository;
import io.branchpos.store.till.CashRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DayCloseRepositoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void expectedCashIsFloatPlusCashSalesMinusRefundsPlusPayInsMinusPayOutsAndDrops() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 30)) {
            ManagerFixtures.openTill(store, "100.00");
            List<Product> ps = ManagerFixtures.products(store, 3);
            SalesRepository sales = new SalesRepository(store);
            SaleReceipt r1 = sales.complete(TestStores.cashSale(store, ps));
            Money sale = ps.stream().map(Product::price).reduce(Money.zero(EUR), Money::plus);
            sales.refund(new RefundRequest(r1.receiptNumber(), Map.of(1, BigDecimal.ONE), Tender.CASH, null, "u-anna",
                    null, "changed mind"));
            CashRepository cash = new CashRepository(store);
            cash.record(new CashMovement(CashMovementKind.PAY_IN, eur("20.00"), "change from bank"), "u-mgr");
            cash.record(new CashMovement(CashMovementKind.PAY_OUT, eur("4.50"), "window cleaner"), "u-mgr");
            cash.record(new CashMovement(CashMovementKind.DROP, eur("50.00"), "safe"), "u-mgr");

            ZReport x = ManagerFixtures.dayClose(store).xReport();
            Money expected = eur("100.00").plus(sale).minus(ps.get(0).price()).plus(eur("20.00")).minus(eur("4.50"))
                    .minus(eur("50.00"));
            assertThat(ManagerFixtures.dayClose(store).expected().get(Tender.CASH)).isEqualTo(expected);
            assertThat(x.zNumber()).isZero();
            assertThat(x.salesCount()).isEqualTo(1);
            assertThat(x.refundsCount()).isEqualTo(1);
            assertThat(x.gross()).isEqualTo(sale);
            assertThat(x.openingFloat()).isEqualTo(eur("100.00"));
            assertThat(x.drops()).isEqualTo(eur("50.00"));
            assertThat(x.tenders().get(Tender.CASH)).isEqualTo(sale.minus(ps.get(0).price()));
            assertThat(cash.movements(store.businessDay())).hasSize(3);
        }
    }

    @Test
    void anXReportResetsNothingAndWritesNothing() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 10)) {
            ManagerFixtures.openTill(store, "50.00");
            long seq = new JournalRepository(store).lastSeq();
            LocalDate day = store.businessDay();
            ManagerFixtures.dayClose(store).xReport();
            ManagerFixtures.dayClose(store).xReport();
            assertThat(new JournalRepository(store).lastSeq()).isEqualTo(seq);
            assertThat(store.businessDay()).isEqualTo(day);
        }
    }

    @Test
    void aPayOutLargerThanTheDrawerIsRefused() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            ManagerFixtures.openTill(store, "10.00");
            assertThatThrownBy(() -> new CashRepository(store).record(
                    new CashMovement(CashMovementKind.PAY_OUT, eur("10.01"), "too much"), "u-mgr"))
                    .isInstanceOf(StoreException.class).hasMessageContaining("should hold only 10.00");
        }
    }

    @Test
    void cashCannotBeMovedWhileTheTillIsClosed() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            assertThatThrownBy(() -> new CashRepository(store).record(
                    new CashMovement(CashMovementKind.PAY_IN, eur("1.00"), "coins"), "u-mgr"))
                    .isInstanceOf(StoreException.class).hasMessageContaining("till is not open");
        }
    }

    @Test
    void zCloseJournalsTheManifestAdvancesTheDayAndNumbersWithoutGaps() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 20)) {
            ManagerFixtures.openTill(store, "100.00");
            List<Product> ps = ManagerFixtures.products(store, 2);
            new SalesRepository(store).complete(TestStores.cashSale(store, ps));
            DayCloseRepository close = ManagerFixtures.dayClose(store);
            LocalDate day = store.businessDay();
            Money expected = close.expected().get(Tender.CASH);

            ZReport z1 = close.close(new CloseRequest(cash(expected), Map.of(), null, "u-mgr"));

            assertThat(z1.zNumber()).isEqualTo(1);
            assertThat(z1.businessDay()).isEqualTo(day);
            assertThat(store.businessDay()).isAfter(day);
            List<JournalEvent> events = new JournalRepository(store).after(0, 100);
            JournalEvent dayClosed = events.get(events.size() - 1);
            assertThat(dayClosed.type()).isEqualTo("DAY_CLOSED");
            assertThat(dayClosed.businessDay()).isEqualTo(day);
            JsonNode m = JSON.readTree(dayClosed.payload());
            assertThat(m.get("zNumber").asLong()).isEqualTo(1);
            assertThat(m.get("firstSeq").asLong()).isEqualTo(1);
            assertThat(m.get("lastSeq").asLong()).as("the manifest ends with the DAY_CLOSED itself")
                    .isEqualTo(dayClosed.seq());
            assertThat(m.get("eventCount").asLong()).isEqualTo(dayClosed.seq());
            assertThat(m.get("salesCount").asLong()).isEqualTo(1);
            assertThat(m.get("totals").get("gross").asText()).isEqualTo(z1.gross().toPlainString());
            assertThat(m.get("tenders").get("CASH").asText()).isEqualTo(z1.tenders().get(Tender.CASH).toPlainString());
            assertThat(events).extracting(JournalEvent::type).contains("TILL_CLOSED");
            assertThat(new io.branchpos.store.till.TillRepository(store).current()).isEmpty();
            assertThat(new JournalRepository(store).verifyChain().ok()).isTrue();

            // a sale after the close belongs to the next business day, and the next Z is number 2
            SaleReceipt late = new SalesRepository(store).complete(TestStores.cashSale(store, ps));
            assertThat(late.businessDay()).isEqualTo(store.businessDay());
            ZReport x = close.xReport();
            assertThat(x.salesCount()).isEqualTo(1);
            ZReport z2 = close.close(new CloseRequest(cash(close.expected().get(Tender.CASH)), Map.of(), null, "u-mgr"));
            assertThat(z2.zNumber()).isEqualTo(2);
            assertThat(close.zReports()).extracting(DayCloseRepository.ZSummary::zNumber).containsExactly(2L, 1L);
            assertThat(close.zReport(1).orElseThrow().gross()).isEqualTo(z1.gross());
        }
    }

    @Test
    void aVarianceOverTheThresholdNeedsAReasonAndWithoutOneNothingIsClosed() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            ManagerFixtures.openTill(store, "100.00");
            DayCloseRepository close = ManagerFixtures.dayClose(store);
            long seq = new JournalRepository(store).lastSeq();
            LocalDate day = store.businessDay();
            CloseRequest short5 = new CloseRequest(cash(eur("95.00")), Map.of(), null, "u-mgr");

            assertThat(close.preview(short5).get(0).variance()).isEqualTo(eur("-5.00"));
            assertThatThrownBy(() -> close.close(short5)).isInstanceOf(VarianceReasonRequiredException.class);
            assertThat(new JournalRepository(store).lastSeq()).isEqualTo(seq);
            assertThat(store.businessDay()).isEqualTo(day);

            ZReport z = close.close(new CloseRequest(cash(eur("95.00")), Map.of(), "5 EUR note missing", "u-mgr"));
            assertThat(z.variances().get(0).needsReason()).isTrue();
            assertThat(z.varianceReason()).isEqualTo("5 EUR note missing");
        }
    }

    @Test
    void aSmallVarianceNeedsNoReason() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            ManagerFixtures.openTill(store, "100.00");
            ZReport z = ManagerFixtures.dayClose(store).close(new CloseRequest(cash(eur("99.50")), Map.of(), null, "m"));
            assertThat(z.variances().get(0).variance()).isEqualTo(eur("-0.50"));
        }
    }

    @Test
    void zNumbersContinueAfterARestart() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            ZReport empty = ManagerFixtures.dayClose(store).close(new CloseRequest(cash(eur("0.00")), Map.of(), null, "m"));
            assertThat(empty.firstSeq()).as("an empty day's range is its DAY_CLOSED").isEqualTo(1);
            assertThat(empty.lastSeq()).isEqualTo(1);
            assertThat(empty.eventCount()).isEqualTo(1);
        }
        try (LocalStore store = TestStores.open(dir)) {
            ZReport z = ManagerFixtures.dayClose(store).close(new CloseRequest(cash(eur("0.00")), Map.of(), null, "m"));
            assertThat(z.zNumber()).isEqualTo(2);
        }
    }

    @Test
    void theZReportTellsWhetherHqAcknowledgedEveryEventOfTheDay() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            ManagerFixtures.openTill(store, "10.00");
            JournalRepository journal = new JournalRepository(store);
            assertThat(ManagerFixtures.dayClose(store).xReport().fullySynced()).isFalse();
            long all = ManagerFixtures.dayClose(store).xReport().unsyncedEvents();
            assertThat(all).isPositive();
            journal.markSyncedThrough(journal.lastSeq() - 1, java.time.Instant.now());
            assertThat(ManagerFixtures.dayClose(store).xReport().unsyncedEvents()).isEqualTo(1);
            journal.markSyncedThrough(journal.lastSeq(), java.time.Instant.now());
            assertThat(ManagerFixtures.dayClose(store).xReport().fullySynced()).isTrue();
        }
    }
}
