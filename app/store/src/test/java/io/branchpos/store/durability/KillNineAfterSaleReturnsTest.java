package io.branchpos.store.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.SaleLogFiles;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.TestStores;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.store.sale.SaleReceipt;
import io.branchpos.store.sale.SalesRepository;
import io.branchpos.store.stock.StockRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0014: a sale is durable once its sale-log record is forced, while H2 commits it lazily.
 * A child JVM completes sales (and a refund, which checkpoints H2 as every other write does) with
 * H2's background writer held back, and is killed with SIGKILL right after the last sale returned:
 * H2's file alone has lost those sales (checked, so the test shows the log is what keeps them),
 * and opening the store brings every one back exactly once, with the journal chain, receipt
 * numbers and stock right.
 */
class KillNineAfterSaleReturnsTest {
    @TempDir
    Path dir;

    /** What the child reported before it was killed. */
    private record Child(List<String> saleIds, List<String> receipts, List<Map<String, BigDecimal>> baskets,
            Map<String, BigDecimal> refundedBySku, int refunds) {
        /** Only the first {@code n} sales, as if the child had been killed after them. */
        Child first(int n) {
            return new Child(saleIds.subList(0, n), receipts.subList(0, n), baskets.subList(0, n), refundedBySku,
                    refunds);
        }

        Map<String, BigDecimal> soldBySku() {
            Map<String, BigDecimal> out = new HashMap<>();
            for (Map<String, BigDecimal> b : baskets) {
                b.forEach((sku, q) -> out.merge(sku, q, BigDecimal::add));
            }
            return out;
        }
    }

    @Test
    void salesThatReturnedBeforeAKillAreThereAfterRestartExactlyOnceThoughH2HadNotWrittenThem() throws Exception {
        Child child = runAndKill("SSRSSS");
        assertThat(child.saleIds()).hasSize(5);

        // without the sale log H2 has only what the refund's checkpoint forced: the first two sales
        assertThat(salesInH2Alone()).as("sales in H2's file before any redo").isEqualTo(2);
        assertThat(SaleLogFiles.records(dir)).as("records in the sale log").isEqualTo(5);

        try (LocalStore store = TestStores.open(dir)) {
            assertStoreHolds(store, child);
            // the receipt counter and the chain go on from the redone head
            SalesRepository sales = new SalesRepository(store);
            SaleReceipt next = sales.complete(TestStores.cashSale(store,
                    List.of(new io.branchpos.store.catalog.CatalogRepository(store).findBySku("000001").orElseThrow())));
            assertThat(child.receipts()).doesNotContain(next.receiptNumber());
            assertThat(next.journalSeq()).isEqualTo(child.saleIds().size() + child.refunds() + 1);
            assertThat(new JournalRepository(store).verifyChain().ok()).isTrue();
        }
        assertThat(SaleLogFiles.records(dir)).as("a closed store leaves an empty sale log").isZero();
        // a second open redoes nothing twice
        try (LocalStore store = TestStores.open(dir)) {
            assertThat(KillNineCrashTest.saleIds(store)).hasSize(6);
            assertThat(new JournalRepository(store).verifyChain().events()).isEqualTo(7);
        }
    }

    @Test
    void aTornLastRecordIsIgnoredAndTheSalesBeforeItAreRedone() throws Exception {
        Child child = runAndKill("SSS");
        assertThat(salesInH2Alone()).isZero();
        // the crash came while the third record was being written: that sale was never reported done
        SaleLogFiles.tearLastRecord(dir);
        Child reported = child.first(2);

        try (LocalStore store = TestStores.open(dir)) {
            assertStoreHolds(store, reported);
            assertThat(KillNineCrashTest.saleIds(store)).doesNotContain(child.saleIds().get(2));
        }
    }

    private void assertStoreHolds(LocalStore store, Child child) {
        JournalRepository.ChainCheck chain = new JournalRepository(store).verifyChain();
        assertThat(chain.ok()).as("journal chain: %s", chain.problem()).isTrue();
        assertThat(chain.events()).isEqualTo(child.saleIds().size() + child.refunds());
        assertThat(KillNineCrashTest.saleIds(store)).containsExactlyInAnyOrderElementsOf(child.saleIds());
        KillNineCrashTest.assertNoHalfSale(store);
        List<String> receipts = store.jdbc(c -> {
            List<String> out = new ArrayList<>();
            try (var st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT receipt_number FROM sale ORDER BY journal_seq")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertThat(receipts).containsExactlyElementsOf(child.receipts());
        StockRepository stock = new StockRepository(store);
        for (var e : child.soldBySku().entrySet()) {
            BigDecimal expected = child.refundedBySku().getOrDefault(e.getKey(), BigDecimal.ZERO).subtract(e.getValue());
            assertThat(stock.onHand(e.getKey())).as("on hand of %s", e.getKey()).isEqualByComparingTo(expected);
        }
    }

    private int salesInH2Alone() throws Exception {
        String url = new StoreConfig(dir, "T-001", Clock.systemUTC(),
                new UuidV7Generator(Clock.systemUTC(), new SecureRandom()), StoreConfig.Durability.FSYNC).jdbcUrl();
        try (Connection c = DriverManager.getConnection(url, "branchpos", "");
                var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sale")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private Child runAndKill(String plan) throws Exception {
        Path childLog = dir.resolve("child-stderr.log");
        List<String> cmd = ChildJvm.command(LoggedSalesChild.class, dir.toString(), plan);
        cmd.add(1, "-Dbranchpos.salelog.idleCheckpointMillis=600000");
        ChildJvm.Output out = ChildJvm.runUntilDoneThenKill(cmd, childLog); // SIGKILL right after the last sale returned
        List<String> lines = out.lines();
        boolean finished = out.finished();
        assertThat(finished).as("child finished its plan; its log:%n%s", ChildJvm.tail(childLog)).isTrue();

        List<String> saleIds = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        List<Map<String, BigDecimal>> baskets = new ArrayList<>();
        Map<String, BigDecimal> refunded = new HashMap<>();
        int refunds = 0;
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals("COMMITTED")) {
                saleIds.add(f[1]);
                receipts.add(f[2]);
                Map<String, BigDecimal> basket = new HashMap<>();
                for (String l : f[3].split(";")) {
                    String[] kv = l.split("=");
                    basket.merge(kv[0], new BigDecimal(kv[1]), BigDecimal::add);
                }
                baskets.add(basket);
            } else if (f[0].equals("REFUNDED")) {
                refunds++;
                String[] kv = f[2].split("=");
                refunded.merge(kv[0], new BigDecimal(kv[1]), BigDecimal::add);
            }
        }
        return new Child(saleIds, receipts, baskets, refunded, refunds);
    }
}
