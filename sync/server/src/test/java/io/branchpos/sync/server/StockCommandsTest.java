package io.branchpos.sync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchpos.sync.protocol.FeedChange;
import io.branchpos.sync.protocol.FeedPage;
import io.branchpos.sync.server.catalog.CatalogChanges.ProductRow;
import io.branchpos.sync.server.catalog.CatalogService;
import io.branchpos.sync.server.feed.FeedService;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code stock po}, {@code cancel-po}, {@code recall-transfer} and {@code baseline}: written at HQ, served only in the addressed branch's feed. */
class StockCommandsTest {
    private static TestServer hq;

    @BeforeAll
    static void start() throws Exception {
        hq = TestServer.fresh();
        hq.enroll("B-001", "T-1");
        hq.enroll("B-002", "T-2");
        hq.enroll("B-003", "T-3"); // the cancellation tests' branch: the others' feeds stay as their tests expect
        new CatalogService(hq.dataSource).write("ops", c -> {
            c.upsertTax("STD", new BigDecimal("19"), "standard");
            c.upsertProduct(new ProductRow("S1", "Soap", "Care", "STD", "PIECE", "EUR", true, false, List.of()));
            c.upsertProduct(new ProductRow("S2", "Sponge", "Care", "STD", "PIECE", "EUR", true, false, List.of()));
            return null;
        });
    }

    @AfterAll
    static void stop() {
        hq.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new ServerMain());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, 2);
        all[2] = "--db-url";
        all[3] = hq.jdbcUrl;
        all[4] = "--db-password";
        all[5] = "postgres";
        System.arraycopy(args, 2, all, 6, args.length - 2);
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    private static List<FeedChange> feedOf(String branch, String kind) throws Exception {
        FeedPage page = new FeedService(hq.dataSource).page(branch, FeedService.Cursor.parse(FeedPage.START), 2000);
        return page.changes().stream().filter(c -> c.kind().equals(kind)).toList();
    }

    @Test
    void aPurchaseOrderCreatedAtHqIsInTheAddressedBranchsFeedOnly() throws Exception {
        Run r = run("stock", "po", "--branch", "B-002", "--ref", "PO-42", "--supplier", "Clean Co", "--line", "S1=24", "--line", "S2=6");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("purchase order PO-42 for B-002"), r.out());

        List<FeedChange> b2 = feedOf("B-002", FeedChange.PURCHASE_ORDER);
        assertEquals(1, b2.size());
        assertEquals("PO-42", b2.get(0).key());
        assertEquals("Clean Co", b2.get(0).data().get("source").asText());
        assertEquals("OPEN", b2.get(0).data().get("status").asText());
        assertEquals(2, b2.get(0).data().get("lines").size());
        assertEquals("24", b2.get(0).data().get("lines").get(0).get("quantity").asText());
        assertTrue(feedOf("B-001", FeedChange.PURCHASE_ORDER).isEmpty(), "another branch must not see it");
    }

    @Test
    void aPurchaseOrderWithAProblemIsRefusedWithTheReasonAndWritesNothing() throws Exception {
        long before = hq.count("select count(*) from stock_document");
        Run unknownBranch = run("stock", "po", "--branch", "B-404", "--ref", "PO-1", "--supplier", "X", "--line", "S1=1");
        assertEquals(2, unknownBranch.exit());
        assertTrue(unknownBranch.err().contains("no branch B-404"), unknownBranch.err());
        Run unknownSku = run("stock", "po", "--branch", "B-001", "--ref", "PO-2", "--supplier", "X", "--line", "S1=1", "--line", "NOPE=2");
        assertTrue(unknownSku.err().contains("no product with SKU NOPE"), unknownSku.err());
        Run badLine = run("stock", "po", "--branch", "B-001", "--ref", "PO-3", "--supplier", "X", "--line", "S1:1");
        assertTrue(badLine.err().contains("SKU=QUANTITY"), badLine.err());
        Run zero = run("stock", "po", "--branch", "B-001", "--ref", "PO-4", "--supplier", "X", "--line", "S1=0");
        assertTrue(zero.err().contains("must be positive"), zero.err());
        assertEquals(before, hq.count("select count(*) from stock_document"));
        assertEquals(0L, hq.count("select count(*) from stock_document_line where reference in ('PO-2', 'PO-4')"));
    }

    @Test
    void aBaselineReachesItsBranchWithItsInstant() throws Exception {
        Run r = run("stock", "baseline", "--branch", "B-001", "--sku", "S2", "--quantity", "12", "--at", "2026-11-22T06:00:00Z");
        assertEquals(0, r.exit(), r.err());
        List<FeedChange> b1 = feedOf("B-001", FeedChange.STOCK_BASELINE);
        assertEquals(1, b1.size());
        assertEquals("12", b1.get(0).data().get("quantity").asText());
        assertEquals("2026-11-22T06:00:00Z", b1.get(0).data().get("asOf").asText());
        assertTrue(feedOf("B-002", FeedChange.STOCK_BASELINE).isEmpty());
        assertEquals(2, run("stock", "baseline", "--branch", "B-001", "--sku", "S2", "--quantity", "-1").exit());
    }

    @Test
    void aCancelledPurchaseOrderReachesItsBranchAsCancelledAndCancellingAgainChangesNothing() throws Exception {
        assertEquals(0, run("stock", "po", "--branch", "B-003", "--ref", "PO-50", "--supplier", "Clean Co", "--line", "S1=5").exit());

        Run r = run("stock", "cancel-po", "--ref", "PO-50", "--by", "buyer");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("purchase order PO-50 is cancelled"), r.out());
        List<FeedChange> po50 = feedOf("B-003", FeedChange.PURCHASE_ORDER).stream().filter(c -> c.key().equals("PO-50")).toList();
        assertEquals("CANCELLED", po50.get(po50.size() - 1).data().get("status").asText());
        assertEquals("buyer", hq.single("select cancelled_by from stock_document where reference = 'PO-50'"));

        long changes = hq.count("select count(*) from feed_change where entity_key = 'PO-50'");
        Run again = run("stock", "cancel-po", "--ref", "PO-50");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("already cancelled"), again.out());
        assertEquals(changes, hq.count("select count(*) from feed_change where entity_key = 'PO-50'"));
    }

    @Test
    void aReceivedPurchaseOrderATransferAndAnUnknownReferenceCannotBeCancelled() throws Exception {
        assertEquals(0, run("stock", "po", "--branch", "B-003", "--ref", "PO-51", "--supplier", "Clean Co", "--line", "S1=5").exit());
        try (var c = hq.dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("update stock_document set status = 'RECEIVED', received_at = now() where reference = 'PO-51'");
            st.execute("insert into stock_document (reference, kind, branch_id, source, status, line_count) "
                    + "values ('TR-51', 'TRANSFER', 'B-001', 'B-002', 'IN_TRANSIT', 1)");
        }
        long changes = hq.count("select count(*) from feed_change");

        Run received = run("stock", "cancel-po", "--ref", "PO-51");
        assertEquals(2, received.exit());
        assertTrue(received.err().contains("already received at B-003"), received.err());
        Run transfer = run("stock", "cancel-po", "--ref", "TR-51");
        assertEquals(2, transfer.exit());
        assertTrue(transfer.err().contains("recall it with stock recall-transfer"), transfer.err());
        Run unknown = run("stock", "cancel-po", "--ref", "PO-404");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no stock document PO-404"), unknown.err());

        assertEquals("RECEIVED", hq.single("select status from stock_document where reference = 'PO-51'"));
        assertEquals("IN_TRANSIT", hq.single("select status from stock_document where reference = 'TR-51'"));
        assertEquals(changes, hq.count("select count(*) from feed_change"));
    }

    private static void transferInTransit(String reference, String from, String to, int lineCount, String... skuQty) throws Exception {
        try (var c = hq.dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("insert into stock_document (reference, kind, branch_id, source, status, line_count) values ('" + reference
                    + "', 'TRANSFER', '" + to + "', '" + from + "', 'IN_TRANSIT', " + lineCount + ")");
            for (String l : skuQty) {
                String[] p = l.split("=");
                st.execute("insert into stock_document_line (reference, sku, expected_qty) values ('" + reference + "', '" + p[0]
                        + "', " + p[1] + ")");
            }
        }
    }

    private static FeedChange last(String branch, String kind, String key) throws Exception {
        List<FeedChange> all = feedOf(branch, kind).stream().filter(c -> c.key().equals(key)).toList();
        assertTrue(!all.isEmpty(), "no " + kind + " " + key + " in " + branch + "'s feed");
        return all.get(all.size() - 1);
    }

    @Test
    void aRecalledTransferLeavesTheReceiversFeedAsCancelledAndComesBackToTheSenderToReceive() throws Exception {
        transferInTransit("TR-60", "B-002", "B-003", 2, "S1=5", "S2=2");

        Run r = run("stock", "recall-transfer", "--ref", "TR-60", "--by", "ops");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("transfer TR-60 is recalled; its goods come back as TR-60-BACK"), r.out());

        assertEquals("CANCELLED", last("B-003", FeedChange.TRANSFER_IN, "TR-60").data().get("status").asText());
        FeedChange back = last("B-002", FeedChange.TRANSFER_IN, "TR-60-BACK");
        assertEquals("IN_TRANSIT", back.data().get("status").asText());
        assertEquals("B-003", back.data().get("source").asText());
        assertEquals("S1", back.data().get("lines").get(0).get("sku").asText());
        assertEquals("5", back.data().get("lines").get(0).get("quantity").asText());
        assertEquals("2", back.data().get("lines").get(1).get("quantity").asText());
        assertTrue(feedOf("B-003", FeedChange.TRANSFER_IN).stream().noneMatch(c -> c.key().equals("TR-60-BACK")),
                "the receiver must not be offered the return");
        assertEquals("ops", hq.single("select cancelled_by from stock_document where reference = 'TR-60'"));
        assertEquals("B-002<-B-003/2", hq.single("select branch_id || '<-' || source || '/' || line_count from stock_document "
                + "where reference = 'TR-60-BACK'"));

        long changes = hq.count("select count(*) from feed_change");
        Run again = run("stock", "recall-transfer", "--ref", "TR-60");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("already recalled"), again.out());
        assertEquals(changes, hq.count("select count(*) from feed_change"));
        assertEquals(1L, hq.count("select count(*) from stock_document where reference = 'TR-60-BACK'"));
    }

    @Test
    void aReceivedOrIncompleteTransferAPurchaseOrderAndAnUnknownReferenceCannotBeRecalled() throws Exception {
        transferInTransit("TR-61", "B-002", "B-003", 1, "S1=1");
        transferInTransit("TR-62", "B-002", "B-003", 2, "S1=1");
        assertEquals(0, run("stock", "po", "--branch", "B-003", "--ref", "PO-61", "--supplier", "Clean Co", "--line", "S1=5").exit());
        try (var c = hq.dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("update stock_document set status = 'RECEIVED', received_at = now() where reference = 'TR-61'");
        }
        long changes = hq.count("select count(*) from feed_change");

        Run received = run("stock", "recall-transfer", "--ref", "TR-61");
        assertEquals(2, received.exit());
        assertTrue(received.err().contains("already received at B-003"), received.err());
        Run incomplete = run("stock", "recall-transfer", "--ref", "TR-62");
        assertEquals(2, incomplete.exit());
        assertTrue(incomplete.err().contains("has 1 of its 2 lines at HQ"), incomplete.err());
        Run order = run("stock", "recall-transfer", "--ref", "PO-61");
        assertEquals(2, order.exit());
        assertTrue(order.err().contains("use stock cancel-po"), order.err());
        Run unknown = run("stock", "recall-transfer", "--ref", "TR-404");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no stock document TR-404"), unknown.err());

        assertEquals("RECEIVED", hq.single("select status from stock_document where reference = 'TR-61'"));
        assertEquals("IN_TRANSIT", hq.single("select status from stock_document where reference = 'TR-62'"));
        assertEquals(0L, hq.count("select count(*) from stock_document where reference like 'TR-6_-BACK'"));
        assertEquals(changes, hq.count("select count(*) from feed_change"));
    }
}
