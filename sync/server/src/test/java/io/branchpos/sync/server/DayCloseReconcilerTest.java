package io.branchpos.sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.OkHttpSyncTransport;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.client.UploadResult;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.server.dayclose.DayCloseReconciler;
import io.branchpos.sync.server.dayclose.DayCloseReconciler.Result;
import io.branchpos.sync.server.dayclose.DayCloseReconciler.Status;
import io.branchpos.sync.client.OutboxEvent;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Z report's manifest is reconciled at HQ once everything it covers has arrived, or its differences are flagged. */
class DayCloseReconcilerTest {
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static TestServer hq;

    @BeforeAll
    static void start() {
        hq = TestServer.fresh();
    }

    @AfterAll
    static void stop() {
        hq.close();
    }

    static String dayClosed(int z, long last, int events, int sales, int refunds, String gross, String cash) {
        return "{\"zNumber\":" + z + ",\"businessDay\":\"2026-11-22\",\"firstSeq\":1,\"lastSeq\":" + last + ",\"eventCount\":" + events
                + ",\"salesCount\":" + sales + ",\"refundsCount\":" + refunds + ",\"totals\":{\"gross\":\"" + gross
                + "\",\"tax\":\"0.00\"},\"tenders\":{\"CASH\":\"" + cash + "\"}}";
    }

    static void sendAll(String terminal, InMemoryJournalOutbox journal, TerminalCredential credential) throws Exception {
        List<OutboxEvent> events = journal.eventsFrom(1, 100);
        UploadResult r = new OkHttpSyncTransport(hq.baseUrl()).upload(credential,
                new EventBatch(1, terminal, events.stream().map(OutboxEvent::toWire).toList()));
        assertThat(r).isInstanceOf(UploadResult.Acknowledged.class);
    }

    static Result resultFor(List<Result> results, String terminal) {
        return results.stream().filter(r -> r.terminalId().equals(terminal)).findFirst().orElseThrow();
    }

    @Test
    void aMatchingDayIsReconciledAWrongOneFlaggedAndOneWithAQuarantinedEventWaits() throws Exception {
        InMemoryJournalOutbox good = new InMemoryJournalOutbox("T-Z1", new Random(1));
        good.append("SALE_COMPLETED", Payloads.sale("z1-a", "SKU", "1", "2.38"), T0);
        good.append("SALE_COMPLETED", Payloads.sale("z1-b", "SKU", "1", "2.38"), T0.plusSeconds(1));
        good.append("REFUND_COMPLETED", Payloads.refund("z1-r", "z1-a", "SKU", "1", "1.19"), T0.plusSeconds(2));
        good.append("DAY_CLOSED", dayClosed(1, 3, 3, 2, 1, "3.57", "3.57"), T0.plusSeconds(3));
        sendAll("T-Z1", good, hq.enroll("BZ", "T-Z1"));

        InMemoryJournalOutbox wrong = new InMemoryJournalOutbox("T-Z2", new Random(2));
        wrong.append("SALE_COMPLETED", Payloads.sale("z2-a", "SKU", "1", "2.38"), T0);
        wrong.append("DAY_CLOSED", dayClosed(1, 1, 1, 1, 0, "10.00", "2.38"), T0.plusSeconds(3));
        sendAll("T-Z2", wrong, hq.enroll("BZ", "T-Z2"));

        InMemoryJournalOutbox waiting = new InMemoryJournalOutbox("T-Z3", new Random(3));
        waiting.append("SALE_COMPLETED", "{\"saleId\":\"z3-bad\",\"lines\":\"oops\"}", T0);
        waiting.append("DAY_CLOSED", dayClosed(1, 1, 1, 1, 0, "2.38", "2.38"), T0.plusSeconds(3));
        sendAll("T-Z3", waiting, hq.enroll("BZ", "T-Z3"));

        DayCloseReconciler reconciler = new DayCloseReconciler(hq.dataSource);
        List<Result> results = reconciler.reconcilePending();
        assertThat(resultFor(results, "T-Z1").status()).isEqualTo(Status.RECONCILED);
        Result mismatch = resultFor(results, "T-Z2");
        assertThat(mismatch.status()).isEqualTo(Status.MISMATCH);
        assertThat(mismatch.detail()).contains("gross: Z says 10, HQ has 2.38");
        assertThat(resultFor(results, "T-Z3").status()).isEqualTo(Status.WAITING);
        assertThat(resultFor(results, "T-Z3").detail()).contains("1 quarantined");

        // reconciled days are not checked again; the others are
        assertThat(reconciler.reconcilePending()).extracting(Result::terminalId).containsExactlyInAnyOrder("T-Z2", "T-Z3");
        assertThat(hq.single("select status from day_reconciliation where terminal_id = 'T-Z1'")).isEqualTo("RECONCILED");
    }
}
