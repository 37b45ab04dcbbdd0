package io.branchpos.store.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.store.LocalStore;
import io.branchpos.store.SaleLogFiles;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.store.sale.SalesRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0014, the failures between the sale log and H2: H2's commit fails after the sale's record
 * was forced. What the caller is told and what the next open (after kill -9, with H2 having lost
 * every lazily committed sale) does must agree, and no sale may be lost or come twice.
 */
class SaleLogFaultsTest {
    @TempDir
    Path dir;

    /** What the child was told per sale. */
    private record Told(List<String> committed, List<String> failed, List<String> failures) {
    }

    @Test
    void aSaleWhoseCommitFailsAfterItsRecordIsReportedFailedAndIsNotRedoneAndLaterSalesAre() throws Exception {
        Told told = runAndKill("SSFS");
        assertThat(told.committed()).hasSize(3);
        assertThat(told.failed()).hasSize(1);
        assertThat(told.failures().get(0)).contains("H2 commit refused").doesNotContain("restart");

        try (LocalStore store = TestStores.open(dir)) {
            assertThat(KillNineCrashTest.saleIds(store)).containsExactlyInAnyOrderElementsOf(told.committed());
            KillNineCrashTest.assertNoHalfSale(store);
            JournalRepository.ChainCheck chain = new JournalRepository(store).verifyChain();
            assertThat(chain.ok()).as("journal chain: %s", chain.problem()).isTrue();
            assertThat(chain.events()).isEqualTo(3);
            sellOneMore(store);
        }
    }

    @Test
    void aSaleWhoseRecordCannotBeRevokedIsReportedAsCompletedAtRestartAndTheStoreStopsUntilThen() throws Exception {
        Told told = runAndKill("SSXS");
        assertThat(told.committed()).hasSize(2);
        assertThat(told.failed()).hasSize(2);
        assertThat(told.failures().get(0)).contains("saved to the sale log").contains("restart");
        // nothing may move the journal past the kept record until the next open has redone it
        assertThat(told.failures().get(1)).contains("stopped writing").contains("restart");

        try (LocalStore store = TestStores.open(dir)) {
            List<String> expected = new ArrayList<>(told.committed());
            expected.add(told.failed().get(0)); // it was said to complete at restart: it did, once
            assertThat(KillNineCrashTest.saleIds(store)).containsExactlyInAnyOrderElementsOf(expected);
            KillNineCrashTest.assertNoHalfSale(store);
            JournalRepository.ChainCheck chain = new JournalRepository(store).verifyChain();
            assertThat(chain.ok()).as("journal chain: %s", chain.problem()).isTrue();
            assertThat(chain.events()).isEqualTo(3);
            sellOneMore(store);
        }
        try (LocalStore store = TestStores.open(dir)) {
            assertThat(KillNineCrashTest.saleIds(store)).hasSize(4);
        }
    }

    private static void sellOneMore(LocalStore store) {
        var receipt = new SalesRepository(store).complete(TestStores.cashSale(store,
                List.of(new CatalogRepository(store).findBySku("000001").orElseThrow())));
        assertThat(new JournalRepository(store).verifyChain().ok()).isTrue();
        assertThat(receipt.journalSeq()).isEqualTo(new JournalRepository(store).lastSeq());
    }

    private Told runAndKill(String plan) throws Exception {
        Path childLog = dir.resolve("child-stderr.log");
        List<String> cmd = ChildJvm.command(FailingCommitChild.class, dir.toString(), plan);
        cmd.add(1, "-Dbranchpos.salelog.idleCheckpointMillis=600000");
        ChildJvm.Output out = ChildJvm.runUntilDoneThenKill(cmd, childLog); // SIGKILL
        List<String> lines = out.lines();
        boolean finished = out.finished();
        assertThat(finished).as("child finished its plan; its log:%n%s", ChildJvm.tail(childLog)).isTrue();
        List<String> committed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ", 3);
            if (f[0].equals("COMMITTED")) {
                committed.add(f[1]);
            } else if (f[0].equals("FAILED")) {
                failed.add(f[1]);
                failures.add(f[2]);
            }
        }
        return new Told(committed, failed, failures);
    }
}
