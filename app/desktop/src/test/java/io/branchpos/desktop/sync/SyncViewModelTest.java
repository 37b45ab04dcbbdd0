package io.branchpos.desktop.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.desktop.common.FxmlView;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncViewModelTest {
    @TempDir
    Path dir;

    @Test
    void showsWaitingEventsAndEveryQuarantinedEventWithHqsReason() {
        Clock clock = Clock.systemUTC();
        try (LocalStore store = LocalStore.open(new StoreConfig(dir, "T-001", clock,
                new UuidV7Generator(clock, new SecureRandom()), StoreConfig.Durability.FSYNC))) {
            JournalEvent e = store.write(ctx -> ctx.journal("NO_SALE", 1,
                    new ObjectMapper().createObjectNode().put("reason", "change for a customer")));
            JournalRepository journal = new JournalRepository(store);
            journal.recordQuarantined(e.eventId(), e.seq(), "invalid NO_SALE payload: tillSessionId missing",
                    Instant.parse("2026-11-22T10:15:00Z"));
            SyncViewModel vm = new SyncViewModel(journal, () -> "Sync: offline, retrying", Runnable::run, Runnable::run,
                    ZoneOffset.UTC, FxmlView.Messages.bundle(Locale.ENGLISH));
            vm.refresh();
            assertThat(vm.statusProperty().get()).isEqualTo("Sync: offline, retrying");
            assertThat(vm.pendingProperty().get()).startsWith("1 event(s) waiting for HQ");
            assertThat(vm.quarantined()).singleElement().satisfies(r -> {
                assertThat(r.type()).isEqualTo("NO_SALE");
                assertThat(r.reason()).contains("tillSessionId missing");
                assertThat(r.when()).isEqualTo("2026-11-22 10:15");
            });
        }
    }
}
