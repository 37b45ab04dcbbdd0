package io.branchpos.store.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.sale.SalesRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal upgraded from a store where sync marked each journal row ({@code synced_at}, up to V11)
 * to the per-terminal watermark (V12, decision 0207) neither re-sends nor skips an event.
 */
class SyncMarkUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void anUpgradedTerminalSendsExactlyTheEventsHqHadNotAcknowledged() {
        ringUpSales(5);
        asAV11Store("seq <= 3");
        try (LocalStore store = TestStores.open(dir)) {
            JournalRepository journal = new JournalRepository(store);
            assertThat(journal.syncedThroughSeq()).isEqualTo(3);
            assertThat(journal.pendingCount()).isEqualTo(2);
            assertThat(journal.unsynced(10)).extracting(JournalEvent::seq).containsExactly(4L, 5L);
            assertThat(journal.after(journal.syncedThroughSeq(), 10)).extracting(JournalEvent::seq).containsExactly(4L, 5L);
            assertThat(journal.after(0, 10)).extracting(e -> e.syncedAt() != null)
                    .containsExactly(true, true, true, false, false);
            assertThat(journal.oldestPendingAt()).contains(journal.after(3, 1).get(0).occurredAt());

            assertThat(journal.markSyncedThrough(5, Instant.now())).isEqualTo(2);
            assertThat(journal.pendingCount()).isZero();
            assertThat(journal.unsynced(10)).isEmpty();
            assertThat(journal.oldestPendingAt()).isEmpty();
            assertThat(journal.verifyChain().ok()).isTrue();
        }
    }

    @Test
    void anUpgradedTerminalWithEverythingAcknowledgedHasNothingToSend() {
        ringUpSales(3);
        asAV11Store("seq <= 3");
        try (LocalStore store = TestStores.open(dir)) {
            JournalRepository journal = new JournalRepository(store);
            assertThat(journal.syncedThroughSeq()).isEqualTo(3);
            assertThat(journal.pendingCount()).isZero();
            assertThat(journal.unsynced(10)).isEmpty();
        }
    }

    @Test
    void anUpgradedTerminalWithAHoleInItsMarksResendsFromTheFirstUnmarkedEvent() {
        // V11 only ever marked prefixes; should a store hold a hole anyway, the watermark stops at it
        // and everything after is sent again (HQ drops what it has by event id): nothing is skipped
        ringUpSales(5);
        asAV11Store("seq <= 2 OR seq = 4");
        try (LocalStore store = TestStores.open(dir)) {
            JournalRepository journal = new JournalRepository(store);
            assertThat(journal.syncedThroughSeq()).isEqualTo(2);
            assertThat(journal.pendingCount()).isEqualTo(3);
            assertThat(journal.unsynced(10)).extracting(JournalEvent::seq).containsExactly(3L, 4L, 5L);
        }
    }

    @Test
    void markingIsAPrefixThatNeverMovesBackNorPastTheLastEvent() {
        ringUpSales(3);
        try (LocalStore store = TestStores.open(dir)) {
            JournalRepository journal = new JournalRepository(store);
            assertThat(journal.markSyncedThrough(2, Instant.now())).isEqualTo(2);
            assertThat(journal.markSyncedThrough(1, Instant.now())).isZero();
            assertThat(journal.syncedThroughSeq()).isEqualTo(2);
            assertThat(journal.markSyncedThrough(9, Instant.now())).isEqualTo(1);
            assertThat(journal.syncedThroughSeq()).isEqualTo(3);
            ringUpSale(store);
            assertThat(journal.pendingCount()).isEqualTo(1);
            assertThat(journal.unsynced(10)).extracting(JournalEvent::seq).containsExactly(4L);
        }
        try (LocalStore store = TestStores.open(dir)) {
            assertThat(new JournalRepository(store).syncedThroughSeq()).as("durable across a restart").isEqualTo(3);
        }
    }

    private void ringUpSales(int n) {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            for (int i = 0; i < n; i++) {
                ringUpSale(store);
            }
        }
    }

    private static void ringUpSale(LocalStore store) {
        var p = new CatalogRepository(store).findBySku("000001").orElseThrow();
        new SalesRepository(store).complete(TestStores.cashSale(store, List.of(p)));
    }

    /** Turns the store back into what V11 left: marks on the rows, no watermark table, V12 not applied. */
    private void asAV11Store(String syncedRows) {
        try (LocalStore store = TestStores.open(dir)) {
            store.jdbc(c -> {
                try (var st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS journal_sync_mark");
                    st.execute("CREATE INDEX IF NOT EXISTS journal_event_unsynced ON journal_event(terminal_id, synced_at, seq)");
                    // V15 and V16 (after V12) must not be recorded either, or Flyway refuses the out-of-order V12;
                    // they are re-applied on the next open (both run harmlessly over their own result)
                    st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('12', '15', '16')");
                }
                try (var ps = c.prepareStatement("UPDATE journal_event SET synced_at = ? WHERE " + syncedRows)) {
                    ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }
}
