package io.branchpos.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.desktop.AppContext;
import io.branchpos.desktop.config.AppConfig;
import io.branchpos.domain.stock.MovementKind;
import io.branchpos.domain.stock.ReceiptLine;
import io.branchpos.domain.stock.StockMovement;
import io.branchpos.store.stock.StockRepository;
import io.branchpos.store.stock.StockRepository.ExpectedLine;
import io.branchpos.sync.server.SyncServer;
import io.branchpos.sync.server.catalog.CatalogChanges.ProductRow;
import io.branchpos.sync.server.catalog.CatalogService;
import io.branchpos.sync.server.db.Databases;
import io.branchpos.sync.server.stock.StockDocuments;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock between two branches through HQ, with real parts: two terminals (real H2 files, the app's
 * own wiring, branches B-001 and B-002) and HQ (real PostgreSQL, real HTTP). Branch A sends a
 * transfer; HQ turns its TRANSFER_OUT into a transfer in transit addressed to B; B's feed brings it;
 * B receives it short and with damage; B's receipt reaches HQ, which marks the transfer received.
 * A purchase order HQ creates for B reaches B and not A; one HQ cancels leaves B's Receive tab; a
 * transfer HQ recalls in transit leaves B's Receive tab and comes back to A, which receives it.
 */
class TransferBetweenBranchesViaHqTest {
    @TempDir
    Path tmp;

    @Test
    void aTransferSentAtOneBranchIsInTransitAtHqReceivedAtTheOtherAndMarkedReceived() throws Exception {
        try (EmbeddedPostgres pg = Databases.startEmbedded(tmp.resolve("hq"), 0);
                HikariDataSource hqDb = Databases.pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")) {
            Databases.migrate(hqDb);
            try (SyncServer hq = new SyncServer(hqDb).start("127.0.0.1", 0)) {
                new CatalogService(hqDb).write("ops", c -> {
                    c.upsertTax("STD", new BigDecimal("19"), "standard");
                    c.upsertProduct(new ProductRow("H-1", "Hand soap", "Care", "STD", "PIECE", "EUR", true, false, List.of()));
                    c.setPrice("H-1", new BigDecimal("2.49"), Instant.parse("2026-01-01T00:00:00Z"));
                    return null;
                });
                String codeA = hq.registry().createEnrollmentCode("B-001", "T-A1");
                String codeB = hq.registry().createEnrollmentCode("B-002", "T-B1");
                String url = "http://127.0.0.1:" + hq.port();
                try (AppContext a = till(url, "T-A1", codeA); AppContext b = till(url, "T-B1", codeB)) {
                    StockRepository stockA = new StockRepository(a.store());
                    StockRepository stockB = new StockRepository(b.store());
                    await(() -> a.sync().orElseThrow().status().state().name().equals("UP_TO_DATE")
                            && b.sync().orElseThrow().status().state().name().equals("UP_TO_DATE"));
                    BigDecimal beforeA = stockA.onHand("000003");
                    BigDecimal beforeB = stockB.onHand("000003");

                    // branch A sends 5 of 000003 and 2 of 000004 to B-002
                    List<StockMovement> out = stockA.transferOut("B-002", Map.of("000003", new BigDecimal("5"),
                            "000004", new BigDecimal("2")), "u-mgr-a");
                    String ref = out.get(0).reference();
                    assertThat(stockA.onHand("000003")).isEqualByComparingTo(beforeA.subtract(new BigDecimal("5")));

                    // HQ: in transit to B, and B's feed brings it
                    await(() -> status(hqDb, ref) != null);
                    await(() -> stockB.openDeliveries().stream().anyMatch(l -> l.reference().equals(ref)));
                    assertThat(status(hqDb, ref)).isIn("IN_TRANSIT", "RECEIVED");
                    List<ExpectedLine> expected = stockB.openDeliveries().stream().filter(l -> l.reference().equals(ref)).toList();
                    assertThat(expected).extracting(ExpectedLine::sku, ExpectedLine::kind, ExpectedLine::source)
                            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("000003", "TRANSFER", "B-001"),
                                    org.assertj.core.groups.Tuple.tuple("000004", "TRANSFER", "B-001"));
                    assertThat(stockA.openDeliveries()).noneMatch(l -> l.reference().equals(ref));

                    // B receives 4 of 5 (1 damaged) and 2 of 2
                    List<StockMovement> in = stockB.receive(ref, List.of(new ReceiptLine("000003", null, new BigDecimal("4"),
                            new BigDecimal("1")), new ReceiptLine("000004", null, new BigDecimal("2"), null)), "u-mgr-b");
                    assertThat(in).extracting(StockMovement::kind).containsOnly(MovementKind.TRANSFER_IN);
                    assertThat(stockB.onHand("000003")).isEqualByComparingTo(beforeB.add(new BigDecimal("3")));

                    // B's receipt reaches HQ: the transfer is received, with what arrived
                    await(() -> "RECEIVED".equals(status(hqDb, ref)));
                    assertThat(single(hqDb, "select branch_id || '<-' || source from stock_document where reference = ?", ref))
                            .isEqualTo("B-002<-B-001");
                    assertThat(single(hqDb, "select expected_qty::text || '/' || received_qty::text || '/' || damaged_qty::text "
                            + "from stock_document_line where reference = ? and sku = '000003'", ref)).isEqualTo("5.000/4.000/1.000");
                    assertThat(single(hqDb, "select count(*)::text from flag where kind = 'STOCK_ROUTING'", null)).isEqualTo("0");

                    // a purchase order from HQ reaches B only
                    StockDocuments.write(hqDb, d -> {
                        d.createPurchaseOrder("PO-900", "B-002", "Clean Co", Map.of("H-1", new BigDecimal("12")));
                        return null;
                    });
                    await(() -> stockB.openDeliveries().stream().anyMatch(l -> l.reference().equals("PO-900")));
                    stockB.receive("PO-900", List.of(new ReceiptLine("H-1", null, new BigDecimal("12"), null)), "u-mgr-b");
                    await(() -> "RECEIVED".equals(status(hqDb, "PO-900")));
                    assertThat(stockA.openDeliveries()).noneMatch(l -> l.reference().equals("PO-900"));

                    // an order HQ cancels before B receives it leaves B's Receive tab
                    StockDocuments.write(hqDb, d -> {
                        d.createPurchaseOrder("PO-901", "B-002", "Clean Co", Map.of("H-1", new BigDecimal("6")));
                        return null;
                    });
                    await(() -> stockB.openDeliveries().stream().anyMatch(l -> l.reference().equals("PO-901")));
                    StockDocuments.write(hqDb, d -> d.cancelPurchaseOrder("PO-901", "buyer"));
                    await(() -> stockB.openDeliveries().stream().noneMatch(l -> l.reference().equals("PO-901")));
                    assertThat(status(hqDb, "PO-901")).isEqualTo("CANCELLED");

                    // a transfer sent to the wrong branch: HQ recalls it in transit, B stops offering it,
                    // A receives it back and its stock is whole again
                    BigDecimal beforeRecall = stockA.onHand("000003");
                    String wrong = stockA.transferOut("B-002", Map.of("000003", new BigDecimal("3")), "u-mgr-a").get(0).reference();
                    assertThat(wrong).isNotEqualTo(ref);
                    await(() -> stockB.openDeliveries().stream().anyMatch(l -> l.reference().equals(wrong)));
                    boolean recalled = StockDocuments.write(hqDb, d -> d.recallTransfer(wrong, "ops"));
                    assertThat(recalled).isTrue();
                    String back = StockDocuments.returnReference(wrong);
                    await(() -> stockB.openDeliveries().stream().noneMatch(l -> l.reference().equals(wrong)));
                    await(() -> stockA.openDeliveries().stream().anyMatch(l -> l.reference().equals(back)));
                    assertThat(stockA.openDeliveries().stream().filter(l -> l.reference().equals(back)).toList())
                            .extracting(ExpectedLine::sku, ExpectedLine::kind, ExpectedLine::source)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("000003", "TRANSFER", "B-002"));
                    stockA.receive(back, List.of(new ReceiptLine("000003", null, new BigDecimal("3"), null)), "u-mgr-a");
                    assertThat(stockA.onHand("000003")).isEqualByComparingTo(beforeRecall);
                    await(() -> "RECEIVED".equals(status(hqDb, back)));
                    assertThat(status(hqDb, wrong)).isEqualTo("CANCELLED");
                    assertThat(single(hqDb, "select count(*)::text from flag where kind = 'STOCK_ROUTING'", null)).isEqualTo("0");
                }
            }
        }
    }

    private AppContext till(String url, String terminal, String code) {
        AppConfig config = AppConfig.load(new String[] {"--demo", "--data-dir", tmp.resolve(terminal).toString(),
            "--terminal-id", terminal, "--server-url", url, "--set", "enrollment.code=" + code}, tmp.resolve("no-etc"), tmp);
        return AppContext.start(config);
    }

    private static String status(HikariDataSource db, String reference) {
        return single(db, "select status from stock_document where reference = ?", reference);
    }

    private static String single(HikariDataSource db, String sql, String arg) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (sql.contains("?")) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for something the background sync and feed threads do; bounded so a failure ends. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 120 s");
            }
            Thread.sleep(100);
        }
    }
}
