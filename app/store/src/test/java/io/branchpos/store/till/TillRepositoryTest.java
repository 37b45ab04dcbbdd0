package io.branchpos.store.till;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.Denomination;
import io.branchpos.domain.till.TillSession;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.TestStores;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import java.nio.file.Path;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TillRepositoryTest {
    private static final Currency EUR = Currency.getInstance("EUR");

    @TempDir
    Path dir;

    private static CashCount float150() {
        return CashCount.empty(EUR).with(Denomination.note("50"), 2).with(Denomination.note("20"), 2)
                .with(Denomination.coin("2"), 5);
    }

    @Test
    void openingATillRecordsTheCountedFloatAndJournalsIt() {
        try (LocalStore store = TestStores.open(dir)) {
            TillSession s = new TillRepository(store).open("u-anna", float150());
            assertThat(s.openingFloat()).isEqualTo(Money.of("150.00", "EUR"));
            assertThat(new TillRepository(store).current()).map(TillSession::id).contains(s.id());
            JournalEvent e = new JournalRepository(store).unsynced(1).get(0);
            assertThat(e.type()).isEqualTo("TILL_OPENED");
            assertThat(e.payload()).contains("\"float\":\"150.00\"").contains("\"50\":2").contains("\"cashierId\":\"u-anna\"");
        }
    }

    @Test
    void aSecondOpenIsRefusedWhileOneIsOpenAndNothingIsJournaled() {
        try (LocalStore store = TestStores.open(dir)) {
            TillRepository tills = new TillRepository(store);
            tills.open("u-anna", float150());
            assertThatThrownBy(() -> tills.open("u-ben", float150())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("already open");
            assertThat(new JournalRepository(store).lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void theOpenSessionSurvivesARestart() {
        TillSession opened;
        try (LocalStore store = TestStores.open(dir)) {
            opened = new TillRepository(store).open("u-anna", float150());
        }
        try (LocalStore store = TestStores.open(dir)) {
            assertThat(new TillRepository(store).current()).contains(opened);
        }
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> CashCount.empty(EUR).with(Denomination.coin("1"), -1))
                .hasMessageContaining("cannot be negative");
    }
}
