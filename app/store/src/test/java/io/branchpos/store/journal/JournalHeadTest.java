package io.branchpos.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.domain.catalog.Product;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.sale.SaleReceipt;
import io.branchpos.store.sale.SalesRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal head (last seq, last hash, receipt counter, business day) is locked and written with
 * plain JDBC in the write's own transaction (decision 0013): seqs stay gapless under concurrent
 * sales, a rolled-back sale leaves no gap, and SQL later in the same transaction sees the new head.
 */
class JournalHeadTest {
    @TempDir
    Path dir;

    @Test
    void salesFromSeveralThreadsGetGaplessSeqsAndReceiptNumbers() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            Product p = new CatalogRepository(store).findBySku("000001").orElseThrow();
            SalesRepository sales = new SalesRepository(store);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<SaleReceipt>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                done.add(pool.submit(() -> sales.complete(TestStores.cashSale(store, List.of(p)))));
            }
            List<Long> seqs = new ArrayList<>();
            List<String> receipts = new ArrayList<>();
            for (Future<SaleReceipt> f : done) {
                seqs.add(f.get().journalSeq());
                receipts.add(f.get().receiptNumber());
            }
            pool.shutdown();

            assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
            assertThat(receipts).doesNotHaveDuplicates().contains("T-001-000001", "T-001-000040");
            JournalRepository journal = new JournalRepository(store);
            assertThat(journal.lastSeq()).isEqualTo(40);
            assertThat(journal.verifyChain().ok()).isTrue();
            assertThat(journal.verifyChain().events()).isEqualTo(40);
        }
    }

    @Test
    void aSaleRolledBackAfterItsEventWasWrittenLeavesNoGapAndTheHeadUnchanged() {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            Product p = new CatalogRepository(store).findBySku("000002").orElseThrow();
            SalesRepository sales = new SalesRepository(store);
            sales.complete(TestStores.cashSale(store, List.of(p)));
            assertThatThrownBy(() -> store.write(ctx -> {
                sales.record(ctx, TestStores.cashSale(store, List.of(p)));
                throw new IllegalStateException("drawer jammed");
            })).hasMessage("drawer jammed");
            String head = store.<String>jdbc(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery(
                        "SELECT last_seq, next_receipt_no FROM terminal_state")) {
                    rs.next();
                    return rs.getLong(1) + "/" + rs.getLong(2);
                }
            });
            assertThat(head).isEqualTo("1/2");

            SaleReceipt next = sales.complete(TestStores.cashSale(store, List.of(p)));
            assertThat(next.journalSeq()).isEqualTo(2);
            assertThat(next.receiptNumber()).isEqualTo("T-001-000002");
            assertThat(new JournalRepository(store).verifyChain().ok()).isTrue();
        }
    }

    @Test
    void sqlLaterInTheSameWriteSeesTheAdvancedHead() {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            Product p = new CatalogRepository(store).findBySku("000003").orElseThrow();
            SalesRepository sales = new SalesRepository(store);
            long seen = store.write(ctx -> {
                sales.record(ctx, TestStores.cashSale(store, List.of(p)));
                sales.record(ctx, TestStores.cashSale(store, List.of(p)));
                return ctx.session().doReturningWork(c -> {
                    try (var st = c.createStatement(); var rs = st.executeQuery("SELECT last_seq FROM terminal_state")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
            });
            assertThat(seen).isEqualTo(2);
            assertThat(new JournalRepository(store).lastSeq()).isEqualTo(2);
        }
    }
}
