package io.branchpos.sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.client.UploadResult;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.FeedChange;
import io.branchpos.sync.protocol.FeedPage;
import io.branchpos.sync.server.feed.FeedService;
import io.branchpos.sync.server.catalog.CatalogChanges.ProductRow;
import io.branchpos.sync.server.catalog.CatalogService;
import io.branchpos.sync.server.stock.StockDocuments;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HQ's routing of branch stock events (StockRouting), over real HTTP ingest into PostgreSQL. */
class StockRoutingTest {
    static TestServer hq;
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    @BeforeAll
    static void start() {
        hq = TestServer.fresh();
    }

    @AfterAll
    static void stop() {
        hq.close();
    }

    record Till(TerminalCredential credential, InMemoryJournalOutbox journal) {
        void transferOut(String ref, String to, String sku, String qty, int lineCount) {
            journal.append("STOCK_MOVEMENT", "{\"movementId\":\"m-" + ref + sku + "\",\"sku\":\"" + sku + "\",\"location\":\"STORE\","
                    + "\"quantity\":\"-" + qty + "\",\"kind\":\"TRANSFER_OUT\",\"reference\":\"" + ref + "\",\"toBranch\":\"" + to
                    + "\",\"lineCount\":\"" + lineCount + "\"}", T0.plusSeconds(journal.all().size()));
        }

        void transferIn(String ref, String sku, String received, String damaged) {
            journal.append("STOCK_MOVEMENT", "{\"movementId\":\"r-" + ref + sku + "\",\"sku\":\"" + sku + "\",\"location\":\"STORE\","
                    + "\"quantity\":\"" + received + "\",\"kind\":\"TRANSFER_IN\",\"reference\":\"" + ref + "\",\"received\":\""
                    + received + "\",\"damaged\":\"" + damaged + "\"}", T0.plusSeconds(journal.all().size()));
        }

        void receipt(String ref, String sku, String received) {
            journal.append("STOCK_MOVEMENT", "{\"movementId\":\"p-" + ref + sku + "\",\"sku\":\"" + sku + "\",\"location\":\"STORE\","
                    + "\"quantity\":\"" + received + "\",\"kind\":\"RECEIPT\",\"reference\":\"" + ref + "\",\"received\":\""
                    + received + "\",\"damaged\":\"0\"}", T0.plusSeconds(journal.all().size()));
        }

        void sendAll() throws Exception {
            List<OutboxEvent> events = journal.eventsFrom(sent() + 1, 100);
            UploadResult r = hq.transport().upload(credential, new EventBatch(1, credential.terminalId(),
                    events.stream().map(OutboxEvent::toWire).toList()));
            assertThat(r).isInstanceOf(UploadResult.Acknowledged.class);
        }

        private long sent() {
            return hq.count("select count(*) from event where terminal_id = ?", credential.terminalId());
        }
    }

    static Till till(String branch, String id) {
        return new Till(hq.enroll(branch, id), new InMemoryJournalOutbox(id, new Random(id.hashCode())));
    }

    static List<FeedChange> feed(String branch) throws Exception {
        FeedPage page = new FeedService(hq.dataSource).page(branch, FeedService.Cursor.parse(FeedPage.START), 2000);
        return page.changes().stream().filter(c -> c.kind().equals(FeedChange.TRANSFER_IN)).toList();
    }

    @Test
    void aTransferReachesTheReceiverOnlyOnceAllItsLinesArrivedAndIsReceivedByItsBranchOnly() throws Exception {
        Till a = till("R-A", "T-RA");
        Till b = till("R-B", "T-RB");
        Till c = till("R-C", "T-RC");
        a.transferOut("TR-1", "R-B", "S1", "5", 2);
        a.sendAll();
        assertThat(hq.single("select status from stock_document where reference = 'TR-1'")).isEqualTo("IN_TRANSIT");
        assertThat(feed("R-B")).as("half a transfer is not sent").isEmpty();

        a.transferOut("TR-1", "R-B", "S2", "1", 2);
        a.sendAll();
        List<FeedChange> toB = feed("R-B");
        assertThat(toB).hasSize(1);
        assertThat(toB.get(0).data().get("source").asText()).isEqualTo("R-A");
        assertThat(toB.get(0).data().get("lines")).hasSize(2);
        assertThat(feed("R-A")).isEmpty();
        assertThat(feed("R-C")).isEmpty();

        c.transferIn("TR-1", "S1", "5", "0");
        c.sendAll();
        assertThat(hq.single("select status from stock_document where reference = 'TR-1'")).as("not C's").isEqualTo("IN_TRANSIT");
        assertThat(hq.count("select count(*) from flag where kind = 'STOCK_ROUTING' and terminal_id = 'T-RC'")).isEqualTo(1);

        b.transferIn("TR-1", "S1", "4", "1");
        b.sendAll();
        assertThat(hq.single("select status from stock_document where reference = 'TR-1'")).isEqualTo("RECEIVED");
        assertThat(hq.single("select received_qty::text || '/' || damaged_qty::text from stock_document_line "
                + "where reference = 'TR-1' and sku = 'S1'")).isEqualTo("4.000/1.000");
        assertThat(feed("R-B")).extracting(ch -> ch.data().get("status").asText()).containsExactly("IN_TRANSIT", "RECEIVED");
    }

    @Test
    void aTransferToABranchHqDoesNotKnowIsFlaggedAndDoesNotBlockTheStream() throws Exception {
        Till a = till("R-D", "T-RD");
        a.transferOut("TR-9", "R-NOWHERE", "S1", "2", 1);
        a.transferOut("TR-10", "R-D", "S1", "1", 1);
        a.sendAll();
        assertThat(hq.count("select count(*) from event where terminal_id = 'T-RD' and status = 'APPLIED'")).isEqualTo(2);
        assertThat(hq.count("select count(*) from stock_document where reference in ('TR-9', 'TR-10')")).isZero();
        assertThat(hq.count("select count(*) from flag where kind = 'STOCK_ROUTING' and terminal_id = 'T-RD'")).isEqualTo(2);
        assertThat(hq.count("select count(*) from stock_movement where branch_id = 'R-D'")).as("the stock still left").isEqualTo(2);
    }

    @Test
    void aPurchaseOrderReceivedOfflineAfterHqCancelledItIsRecordedAndFlaggedAndStaysCancelled() throws Exception {
        Till t = till("R-E", "T-RE");
        new CatalogService(hq.dataSource).write("ops", c -> {
            c.upsertTax("STD", new BigDecimal("19"), "standard");
            c.upsertProduct(new ProductRow("S9", "Soap", "Care", "STD", "PIECE", "EUR", true, false, List.of()));
            return null;
        });
        StockDocuments.write(hq.dataSource, d -> {
            d.createPurchaseOrder("PO-77", "R-E", "Clean Co", Map.of("S9", new BigDecimal("12")));
            return null;
        });
        boolean cancelled = StockDocuments.write(hq.dataSource, d -> d.cancelPurchaseOrder("PO-77", "buyer"));
        assertThat(cancelled).isTrue();

        t.receipt("PO-77", "S9", "12"); // the delivery came before the till heard of the cancellation
        t.sendAll();

        assertThat(hq.single("select status from stock_document where reference = 'PO-77'")).isEqualTo("CANCELLED");
        assertThat(hq.single("select received_qty from stock_document_line where reference = 'PO-77' and sku = 'S9'"))
                .isEqualTo(new BigDecimal("12.000"));
        assertThat(hq.count("select count(*) from flag where kind = 'STOCK_ROUTING' and terminal_id = 'T-RE' "
                + "and detail like '%PO-77%cancelled%'")).isEqualTo(1);
        assertThat(hq.count("select count(*) from event where terminal_id = 'T-RE' and status = 'APPLIED'")).isEqualTo(1);
    }

    @Test
    void aRecalledTransferIsReceivedBackAtTheSenderAndAReceiptAtTheReceiverAnywayIsFlagged() throws Exception {
        Till a = till("R-F", "T-RF");
        Till b = till("R-G", "T-RG");
        a.transferOut("TR-8", "R-G", "S1", "3", 1);
        a.sendAll();
        boolean recalled = StockDocuments.write(hq.dataSource, d -> d.recallTransfer("TR-8", "ops"));
        assertThat(recalled).isTrue();
        assertThat(feed("R-G")).extracting(ch -> ch.data().get("status").asText()).containsExactly("IN_TRANSIT", "CANCELLED");
        assertThat(feed("R-F")).extracting(FeedChange::key).containsExactly("TR-8-BACK");

        a.transferIn("TR-8-BACK", "S1", "3", "0"); // the van came back
        a.sendAll();
        assertThat(hq.single("select status from stock_document where reference = 'TR-8-BACK'")).isEqualTo("RECEIVED");
        assertThat(hq.count("select count(*) from flag where kind = 'STOCK_ROUTING' and terminal_id = 'T-RF'")).isZero();

        b.transferIn("TR-8", "S1", "3", "0"); // received offline before the recall reached R-G
        b.sendAll();
        assertThat(hq.single("select status from stock_document where reference = 'TR-8'")).isEqualTo("CANCELLED");
        assertThat(hq.count("select count(*) from flag where kind = 'STOCK_ROUTING' and terminal_id = 'T-RG' "
                + "and detail like '%TR-8, a transfer HQ had recalled%TR-8-BACK must not be received%'")).isEqualTo(1);
        assertThat(hq.count("select count(*) from event where terminal_id = 'T-RG' and status = 'APPLIED'")).isEqualTo(1);
    }
}
