package io.branchpos.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.sale.SaleReceipt;
import io.branchpos.store.sale.SalesRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitOfWorkTest {
    @TempDir
    Path dir;

    @Test
    void aCompletedSaleWritesItsRowsAndOneChainedJournalEventTogether() {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 50)) {
            CatalogRepository catalog = new CatalogRepository(store);
            SalesRepository sales = new SalesRepository(store);
            var milk = catalog.findBySku("000001").orElseThrow();
            SaleReceipt first = sales.complete(TestStores.cashSale(store, List.of(milk)));
            SaleReceipt second = sales.complete(TestStores.cashSale(store, List.of(milk, milk)));

            assertThat(first.receiptNumber()).isEqualTo("T-001-000001");
            assertThat(second.receiptNumber()).isEqualTo("T-001-000002");
            assertThat(second.journalSeq()).isEqualTo(first.journalSeq() + 1);
            JournalRepository journal = new JournalRepository(store);
            List<JournalEvent> events = journal.unsynced(10);
            assertThat(events).extracting(JournalEvent::type).containsExactly("SALE_COMPLETED", "SALE_COMPLETED");
            assertThat(events.get(1).prevHash()).isEqualTo(events.get(0).hash());
            assertThat(events.get(0).payload()).contains("\"receiptNumber\":\"T-001-000001\"");
            assertThat(journal.verifyChain().ok()).isTrue();
            assertThat(sales.findByReceipt("T-001-000002").orElseThrow().lines()).hasSize(2);
        }
    }

    @Test
    void aFailedWriteLeavesNoEventNoSequenceGapAndNoReceiptNumberUsed() {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            var p = new CatalogRepository(store).findBySku("000001").orElseThrow();
            assertThatThrownBy(() -> store.write(ctx -> {
                ctx.nextReceiptNumber();
                ctx.journal("SALE_COMPLETED", 1, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
                throw new IllegalStateException("printer on fire");
            })).hasMessage("printer on fire");
            SaleReceipt r = new SalesRepository(store).complete(TestStores.cashSale(store, List.of(p)));
            assertThat(r.journalSeq()).isEqualTo(1);
            assertThat(r.receiptNumber()).isEqualTo("T-001-000001");
        }
    }

    @Test
    void markingSyncedIsTheOnlyChangeAndKeepsTheChain() {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            var p = new CatalogRepository(store).findBySku("000002").orElseThrow();
            SalesRepository sales = new SalesRepository(store);
            for (int i = 0; i < 3; i++) {
                sales.complete(TestStores.cashSale(store, List.of(p)));
            }
            JournalRepository journal = new JournalRepository(store);
            assertThat(journal.syncedThroughSeq()).isZero();
            assertThat(journal.markSyncedThrough(2, Instant.now())).isEqualTo(2);
            assertThat(journal.syncedThroughSeq()).isEqualTo(2);
            assertThat(journal.pendingCount()).isEqualTo(1);
            assertThat(journal.unsynced(10)).extracting(JournalEvent::seq).containsExactly(3L);
            assertThat(journal.verifyChain().ok()).isTrue();
        }
    }

    @Test
    void quarantineNoticesAreKeptOncePerEventAndListedWithTheirType() {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            var p = new CatalogRepository(store).findBySku("000002").orElseThrow();
            new SalesRepository(store).complete(TestStores.cashSale(store, List.of(p)));
            JournalRepository journal = new JournalRepository(store);
            JournalEvent e = journal.unsynced(1).get(0);
            journal.recordQuarantined(e.eventId(), e.seq(), "payload hash differs", Instant.now());
            journal.recordQuarantined(e.eventId(), e.seq(), "payload hash differs", Instant.now());
            assertThat(journal.quarantined()).singleElement().satisfies(q -> {
                assertThat(q.type()).isEqualTo("SALE_COMPLETED");
                assertThat(q.reason()).isEqualTo("payload hash differs");
            });
        }
    }

    @Test
    void commitListenersHearOfEveryDurableCommit() {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
            store.onCommit(heard::incrementAndGet);
            var p = new CatalogRepository(store).findBySku("000002").orElseThrow();
            new SalesRepository(store).complete(TestStores.cashSale(store, List.of(p)));
            assertThat(heard.get()).isEqualTo(1);
        }
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            var p = new CatalogRepository(store).findBySku("000003").orElseThrow();
            new SalesRepository(store).complete(TestStores.cashSale(store, List.of(p)));
        }
        try (LocalStore store = TestStores.open(dir)) {
            assertThat(new JournalRepository(store).lastSeq()).isEqualTo(1);
            assertThat(new SalesRepository(store).findByReceipt("T-001-000001")).isPresent();
        }
    }
}
