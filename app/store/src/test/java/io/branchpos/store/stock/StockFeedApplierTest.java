package io.branchpos.store.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.stock.MovementKind;
import io.branchpos.domain.stock.ReceiptLine;
import io.branchpos.domain.stock.StockMovement;
import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import io.branchpos.store.dayclose.ManagerFixtures;
import io.branchpos.store.feed.FeedEntry;
import io.branchpos.store.feed.FeedStore;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.store.sale.SalesRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HQ's stock kinds arriving through the branch feed ({@link FeedStore#apply}) on a real H2 store. */
class StockFeedApplierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private int page;

    private void feed(FeedStore feed, FeedEntry... entries) {
        String after = feed.state().cursor();
        feed.apply(after, List.of(entries), "1." + (++page), false, 0);
    }

    private static FeedEntry po(String ref, String status, String sku, String qty) {
        return new FeedEntry("PURCHASE_ORDER", ref, false, "{\"reference\":\"" + ref + "\",\"source\":\"Fresh Foods\",\"status\":\""
                + status + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":\"" + qty + "\"}]}");
    }

    @Test
    void aPurchaseOrderFromTheFeedIsOfferedReceivedAgainstAndClosedWhenHqSaysItWasReceivedElsewhere() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 10)) {
            FeedStore feed = new FeedStore(store);
            StockRepository stock = new StockRepository(store);
            feed(feed, po("PO-7", "OPEN", "000001", "24"), new FeedEntry("TRANSFER_IN", "TR-A-1", false,
                    "{\"reference\":\"TR-A-1\",\"source\":\"B-001\",\"status\":\"IN_TRANSIT\",\"lines\":[{\"sku\":\"000002\",\"quantity\":\"5\"}]}"));

            assertThat(stock.openDeliveries()).extracting(StockRepository.ExpectedLine::reference, StockRepository.ExpectedLine::kind,
                    StockRepository.ExpectedLine::source, StockRepository.ExpectedLine::expected)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PO-7", "PO", "Fresh Foods", new BigDecimal("24.000")),
                            org.assertj.core.groups.Tuple.tuple("TR-A-1", "TRANSFER", "B-001", new BigDecimal("5.000")));

            List<StockMovement> in = stock.receive("TR-A-1", List.of(new ReceiptLine("000002", null, new BigDecimal("4"),
                    new BigDecimal("1"))), "u-mgr");
            assertThat(in).extracting(StockMovement::kind).containsExactly(MovementKind.TRANSFER_IN);
            assertThat(stock.onHand("000002")).isEqualByComparingTo("3");

            feed(feed, po("PO-7", "RECEIVED", "000001", "24"));
            assertThat(stock.openDeliveries()).as("received at another till of the branch").isEmpty();
            assertThat(stock.onHand("000001")).as("closing a delivery moves no stock").isEqualByComparingTo("0");
        }
    }

    @Test
    void aPurchaseOrderHqCancelledIsNoLongerOfferedButGoodsThatComeAnywayCanStillBeReceived() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 10)) {
            FeedStore feed = new FeedStore(store);
            StockRepository stock = new StockRepository(store);
            feed(feed, po("PO-8", "OPEN", "000001", "24"), po("PO-9", "OPEN", "000002", "6"));
            feed(feed, po("PO-8", "CANCELLED", "000001", "24"));

            assertThat(stock.openDeliveries()).extracting(StockRepository.ExpectedLine::reference).containsExactly("PO-9");

            List<StockMovement> in = stock.receive("PO-8", List.of(new ReceiptLine("000001", null, new BigDecimal("24"), null)), "u-mgr");
            assertThat(in).extracting(StockMovement::kind).containsExactly(MovementKind.RECEIPT);
            assertThat(stock.onHand("000001")).isEqualByComparingTo("24");
        }
    }

    @Test
    void aCancellationArrivingAfterThisTillReceivedTheOrderKeepsTheReceipt() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 10)) {
            FeedStore feed = new FeedStore(store);
            StockRepository stock = new StockRepository(store);
            feed(feed, po("PO-10", "OPEN", "000003", "5"));
            stock.receive("PO-10", List.of(new ReceiptLine("000003", null, new BigDecimal("5"), null)), "u-mgr");

            feed(feed, po("PO-10", "CANCELLED", "000003", "5"));

            assertThat(stock.openDeliveries()).isEmpty();
            assertThat(stock.onHand("000003")).isEqualByComparingTo("5");
            List<Object> kept = store.read(s -> io.branchpos.store.report.Sql.query(s,
                    "SELECT received_at FROM expected_delivery WHERE reference = 'PO-10'", rs -> rs.getObject(1)));
            assertThat(kept).as("the received delivery stays on record").hasSize(1).doesNotContainNull();
        }
    }

    @Test
    void aBaselineIsJournaledAsTheDifferenceAtItsInstantAndKeepsTheSalesMadeAfterIt() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 10)) {
            FeedStore feed = new FeedStore(store);
            StockRepository stock = new StockRepository(store);
            Product p = ManagerFixtures.products(store, 1).get(0);
            String sku = p.sku().value();
            stock.receive(null, List.of(new ReceiptLine(sku, null, new BigDecimal("10"), null)), "u-mgr");
            Thread.sleep(5);
            Instant asOf = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Thread.sleep(5);
            new SalesRepository(store).complete(TestStores.cashSale(store, List.of(p, p)));
            assertThat(stock.onHand(sku)).isEqualByComparingTo("8");

            FeedEntry baseline = new FeedEntry("STOCK_BASELINE", "41", false, "{\"baselineId\":41,\"sku\":\"" + sku
                    + "\",\"quantity\":\"7\",\"asOf\":\"" + asOf + "\"}");
            feed(feed, baseline);

            assertThat(stock.onHand(sku)).as("7 at the baseline instant, minus the 2 sold after it").isEqualByComparingTo("5");
            StockMovement m = stock.history(sku).stream().filter(x -> x.kind() == MovementKind.BASELINE).findFirst().orElseThrow();
            assertThat(m.quantity()).isEqualByComparingTo("-3");
            assertThat(m.at()).isEqualTo(asOf);
            JournalEvent last = new JournalRepository(store).after(0, 100).stream()
                    .filter(e -> e.type().equals("STOCK_MOVEMENT")).reduce((a, b) -> b).orElseThrow();
            JsonNode payload = JSON.readTree(last.payload());
            assertThat(payload.get("kind").asText()).isEqualTo("BASELINE");
            assertThat(payload.get("baseline").asText()).isEqualTo("7");

            feed(feed, baseline);
            assertThat(stock.onHand(sku)).as("the same baseline twice is applied once").isEqualByComparingTo("5");
        }
    }

    @Test
    void theCostPriceInAProductChangeIsKeptAndDroppedWhenHqClearsIt() throws Exception {
        try (LocalStore store = TestStores.withDemoCatalog(dir, 3)) {
            FeedStore feed = new FeedStore(store);
            StockRepository stock = new StockRepository(store);
            String product = "{\"sku\":\"C1\",\"name\":\"Coffee\",\"category\":\"Hot\",\"taxCode\":\"STD\",\"unit\":\"PIECE\","
                    + "\"currency\":\"EUR\",\"active\":true,\"serialized\":false,\"barcodes\":[]";
            feed(feed, new FeedEntry("PRODUCT", "C1", false, product + ",\"cost\":\"2.15\"}"));
            assertThat(stock.costPrice("C1")).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("2.15"));
            feed(feed, new FeedEntry("PRODUCT", "C1", false, product + "}"));
            assertThat(stock.costPrice("C1")).isEmpty();
        }
    }
}
