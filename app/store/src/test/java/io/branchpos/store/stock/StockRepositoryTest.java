package io.branchpos.store.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.stock.AdjustmentReason;
import io.branchpos.domain.stock.MovementKind;
import io.branchpos.domain.stock.ReceiptLine;
import io.branchpos.domain.stock.StockMovement;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.TestStores;
import io.branchpos.store.dayclose.ManagerFixtures;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.store.sale.SalesRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockRepositoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static BigDecimal q(String s) {
        return new BigDecimal(s);
    }

    @Test
    void receivingAgainstAPurchaseOrderRecordsOverUnderAndDamaged() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 10)) {
            StockRepository stock = new StockRepository(store);
            stock.announce("PO-1", "PO", "Supplier A", Map.of("000001", q("10"), "000002", q("5"), "000003", q("4")));
            assertThat(stock.openDeliveries()).hasSize(3);

            stock.receive("PO-1", List.of(new ReceiptLine("000001", null, q("12"), q("0")),
                    new ReceiptLine("000002", null, q("5"), q("1"))), "u-mgr");

            assertThat(stock.onHand("000001")).isEqualByComparingTo("12");
            assertThat(stock.onHand("000002")).isEqualByComparingTo("4");
            assertThat(stock.onHand("000003")).isEqualByComparingTo("0");
            assertThat(stock.openDeliveries()).isEmpty();
            List<JournalEvent> events = new JournalRepository(store).after(0, 100).stream()
                    .filter(e -> e.type().equals("STOCK_MOVEMENT")).toList();
            assertThat(events).hasSize(3);
            JsonNode first = JSON.readTree(events.get(0).payload());
            assertThat(first.get("kind").asText()).isEqualTo("RECEIPT");
            assertThat(first.get("overUnder").asText()).isEqualTo("2");
            JsonNode second = JSON.readTree(events.get(1).payload());
            assertThat(second.get("damaged").asText()).isEqualTo("1");
            assertThat(second.get("quantity").asText()).isEqualTo("4");
            JsonNode third = JSON.readTree(events.get(2).payload());
            assertThat(third.get("overUnder").asText()).isEqualTo("-4");
            assertThatThrownBy(() -> stock.receive("PO-1", List.of(), "u-mgr")).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void anIncomingTransferIsReceivedAsTransferIn() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            StockRepository stock = new StockRepository(store);
            stock.announce("TR-B2-1", "TRANSFER", "B-002", Map.of("000001", q("3")));
            List<StockMovement> ms = stock.receive("TR-B2-1", List.of(new ReceiptLine("000001", null, q("3"), null)),
                    "u-mgr");
            assertThat(ms.get(0).kind()).isEqualTo(MovementKind.TRANSFER_IN);
        }
    }

    @Test
    void onHandIsTheSumOfMovementsIncludingSalesAndRefundsWhichAreNotJournaledTwice() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 20)) {
            StockRepository stock = new StockRepository(store);
            Product p = ManagerFixtures.products(store, 1).get(0);
            String sku = p.sku().value();
            stock.receive(null, List.of(new ReceiptLine(sku, null, q("10"), null)), "u-mgr");
            new SalesRepository(store).complete(TestStores.cashSale(store, List.of(p, p)));
            stock.adjust(sku, q("-1"), AdjustmentReason.DAMAGE, "dropped", "u-mgr");
            stock.transferOut("B-002", Map.of(sku, q("3")), "u-mgr");

            assertThat(stock.onHand(sku)).isEqualByComparingTo("4");
            assertThat(stock.history(sku)).extracting(StockMovement::kind).containsExactly(MovementKind.RECEIPT,
                    MovementKind.SALE, MovementKind.SALE, MovementKind.ADJUSTMENT, MovementKind.TRANSFER_OUT);
            long stockEvents = new JournalRepository(store).after(0, 100).stream()
                    .filter(e -> e.type().equals("STOCK_MOVEMENT")).count();
            assertThat(stockEvents).isEqualTo(3);
        }
    }

    @Test
    void transfersSentWithinTheSameMinuteGetDifferentReferences() throws Exception {
        // ids are time-ordered (UUIDv7): their first 8 hex digits stay the same for ~65 s
        try (LocalStore store = TestStores.withDemoCatalog(dir, 5)) {
            StockRepository stock = new StockRepository(store);
            Product p = ManagerFixtures.products(store, 1).get(0);
            String sku = p.sku().value();
            stock.receive(null, List.of(new ReceiptLine(sku, null, q("10"), null)), "u-mgr");
            java.util.Set<String> refs = new java.util.HashSet<>();
            for (int i = 0; i < 5; i++) {
                refs.add(stock.transferOut("B-002", Map.of(sku, q("1")), "u-mgr").get(0).reference());
            }
            assertThat(refs).hasSize(5).allSatisfy(r -> assertThat(r).startsWith("TR-").hasSizeLessThanOrEqualTo(59));
        }
    }

    @Test
    void saleDuringACountIsReconciledNotOverwritten() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 20)) {
            StockRepository stock = new StockRepository(store);
            Product p = ManagerFixtures.products(store, 1).get(0);
            String sku = p.sku().value();
            stock.receive(null, List.of(new ReceiptLine(sku, null, q("10"), null)), "u-mgr");
            UUID count = stock.startCount(StockRepository.CountKind.CYCLE, "u-mgr");
            // two counters: 6 on the shelf, 2 in the back room — 8, so 2 are missing
            stock.addCountEntry(count, "c-1", sku, q("6"));
            stock.addCountEntry(count, "c-2", sku, q("2"));
            Thread.sleep(5);
            // a customer buys one after the count but before the manager posts it
            new SalesRepository(store).complete(TestStores.cashSale(store, List.of(p)));

            List<StockRepository.CountResult> results = stock.postCount(count, "u-mgr");

            assertThat(results).hasSize(1);
            assertThat(results.get(0).expectedAtCount()).isEqualByComparingTo("10");
            assertThat(results.get(0).adjustment()).isEqualByComparingTo("-2");
            assertThat(stock.onHand(sku)).isEqualByComparingTo("7"); // 8 counted - 1 sold after, not 8
            assertThatThrownBy(() -> stock.addCountEntry(count, "c-1", sku, q("1"))).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void aFullCountSetsWhatNobodyCountedToZero() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 10)) {
            StockRepository stock = new StockRepository(store);
            stock.receive(null, List.of(new ReceiptLine("000001", null, q("5"), null),
                    new ReceiptLine("000002", null, q("7"), null)), "u-mgr");
            UUID count = stock.startCount(StockRepository.CountKind.FULL, "u-mgr");
            stock.addCountEntry(count, "c-1", "000001", q("5"));
            stock.postCount(count, "u-mgr");
            assertThat(stock.onHand("000001")).isEqualByComparingTo("5");
            assertThat(stock.onHand("000002")).isEqualByComparingTo("0");
        }
    }

    @Test
    void theLowStockListHoldsWhatIsAtOrBelowItsReorderPoint() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 10)) {
            StockRepository stock = new StockRepository(store);
            stock.receive(null, List.of(new ReceiptLine("000001", null, q("5"), null),
                    new ReceiptLine("000002", null, q("20"), null)), "u-mgr");
            stock.setReorderPoint("000001", q("5"), q("24"));
            stock.setReorderPoint("000002", q("5"), q("24"));
            assertThat(stock.lowStock()).extracting(StockRepository.OnHandRow::sku).containsExactly("000001");
            assertThat(stock.onHandList()).hasSize(2);
        }
    }
}
