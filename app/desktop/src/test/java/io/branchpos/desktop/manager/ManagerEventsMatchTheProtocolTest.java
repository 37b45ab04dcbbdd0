package io.branchpos.desktop.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.stock.AdjustmentReason;
import io.branchpos.domain.stock.ReceiptLine;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.CashMovement;
import io.branchpos.domain.till.CashMovementKind;
import io.branchpos.domain.till.Denomination;
import io.branchpos.store.dayclose.CloseRequest;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.store.stock.StockRepository;
import io.branchpos.sync.protocol.PayloadValidator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every event the manager's work journals is accepted by the sync protocol's validator — the
 * same check HQ applies before it would quarantine the event (DESIGN.md invariant 4).
 */
class ManagerEventsMatchTheProtocolTest {
    @TempDir
    Path dir;

    @Test
    void aWholeManagerDayJournalsOnlyEventsHqAccepts() {
        ManagerServices s = ManagerTestServices.open(dir, 10);
        try (var store = s.store()) {
            s.till().open("u-anna", CashCount.empty(ManagerTestServices.EUR).with(Denomination.note("50"), 2));
            ManagerTestServices.sell(s, "u-anna", ManagerTestServices.products(s, 2));
            s.cash().record(new CashMovement(CashMovementKind.PAY_IN, Money.of("5.00", ManagerTestServices.EUR), "coins"),
                    "u-mgr");
            s.cash().record(new CashMovement(CashMovementKind.DROP, Money.of("50.00", ManagerTestServices.EUR), "safe"),
                    "u-mgr");
            s.stock().announce("PO-1", "PO", "Supplier", Map.of("000001", BigDecimal.TEN));
            s.stock().receive("PO-1", List.of(new ReceiptLine("000001", null, new BigDecimal("9"), BigDecimal.ONE)),
                    "u-mgr");
            s.stock().adjust("000001", new BigDecimal("-1"), AdjustmentReason.THEFT, "shelf", "u-mgr");
            s.stock().transferOut("B-002", Map.of("000001", new BigDecimal("2")), "u-mgr");
            UUID count = s.stock().startCount(StockRepository.CountKind.FULL, "u-mgr");
            s.stock().addCountEntry(count, "u-mgr", "000001", new BigDecimal("3"));
            s.stock().postCount(count, "u-mgr");
            Money expected = s.dayClose().expected().get(Tender.CASH);
            s.dayClose().close(new CloseRequest(CashCount.empty(ManagerTestServices.EUR)
                    .with(Denomination.coin("0.01"), expected.amount().movePointRight(2).intValueExact()),
                    Map.of(), null, "u-mgr"));
            // an empty day too: its manifest must still have a valid range
            s.dayClose().close(new CloseRequest(CashCount.empty(ManagerTestServices.EUR), Map.of(), null, "u-mgr"));

            List<JournalEvent> events = new JournalRepository(store).after(0, 1000);
            assertThat(events).extracting(JournalEvent::type).contains("TILL_OPENED", "CASH_MOVEMENT", "STOCK_MOVEMENT",
                    "TILL_CLOSED", "DAY_CLOSED");
            for (JournalEvent e : events) {
                assertThat(PayloadValidator.validate(e.type(), e.schemaVersion(), e.payload()).problems())
                        .as("%s #%d %s", e.type(), e.seq(), e.payload()).isEmpty();
            }
        }
    }
}
