package io.branchpos.sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.OkHttpSyncTransport;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.client.UploadResult;
import io.branchpos.sync.protocol.BatchAck;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.JournalHash;
import io.branchpos.sync.protocol.WireEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ingest over real HTTP into a real PostgreSQL: duplicates, conflicts, gaps, regressions, projections. */
class IngestTest {

    static TestServer hq;
    static OkHttpSyncTransport transport;
    static final AtomicInteger TERMINALS = new AtomicInteger();
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    @BeforeAll
    static void startServer() {
        hq = TestServer.fresh();
        transport = hq.transport();
    }

    @AfterAll
    static void stopServer() {
        hq.close();
    }

    record Till(TerminalCredential credential, InMemoryJournalOutbox journal) {
        OutboxEvent sale(String saleId, String sku, String qty) {
            return journal.append("SALE_COMPLETED", Payloads.sale(saleId, sku, qty, "2.38"), T0.plusSeconds(journal.all().size()));
        }

        EventBatch batch(long fromSeq, long toSeq) {
            return batchOf(journal.eventsFrom(fromSeq, (int) (toSeq - fromSeq + 1)));
        }

        EventBatch batchOf(List<OutboxEvent> events) {
            return new EventBatch(1, credential.terminalId(), events.stream().map(OutboxEvent::toWire).toList());
        }

        UploadResult send(EventBatch batch) throws Exception {
            return transport.upload(credential, batch);
        }
    }

    static Till newTill(String branch) {
        String id = "T-ING-" + TERMINALS.incrementAndGet();
        return new Till(hq.enroll(branch, id), new InMemoryJournalOutbox(id, new Random(id.hashCode())));
    }

    static BatchAck ack(UploadResult r) {
        assertThat(r).isInstanceOf(UploadResult.Acknowledged.class);
        return ((UploadResult.Acknowledged) r).ack();
    }

    @Test
    void theSameBatchDeliveredTwiceIsAppliedOnce() throws Exception {
        Till till = newTill("B-1");
        for (int i = 0; i < 5; i++) {
            till.sale("dup-" + i, "SKU-DUP", "2");
        }
        EventBatch batch = till.batch(1, 5);

        BatchAck first = ack(till.send(batch));
        BatchAck second = ack(till.send(batch));

        assertThat(first).isEqualTo(new BatchAck(5, 5, 0, List.of(), null));
        assertThat(second).isEqualTo(new BatchAck(5, 0, 5, List.of(), null));
        assertThat(hq.count("select count(*) from event where terminal_id = ?", till.credential().terminalId())).isEqualTo(5);
        assertThat(hq.count("select count(*) from sale where terminal_id = ?", till.credential().terminalId())).isEqualTo(5);
        assertThat((BigDecimal) hq.single("select quantity from stock_on_hand where branch_id = 'B-1' and sku = 'SKU-DUP'"))
                .isEqualByComparingTo("-10");
    }

    /**
     * Decision 0213: HQ says in its answer that it reads raw payloads; the terminal's next batches carry
     * them raw. Both shapes are stored with the journal's text byte for byte (no hash mismatch, nothing
     * quarantined), and an older terminal's strings are accepted as before.
     */
    @Test
    void payloadsAsStringsAndAsRawJsonAreStoredAsTheSameText() throws Exception {
        Till till = newTill("B-RAW");
        for (int i = 0; i < 6; i++) {
            till.sale("raw-" + i, "SKU-RAW", "1");
        }
        till.journal().append("SALE_COMPLETED", Payloads.sale("raw-é-\\\"q\\\" \\u00e9", "SKU-RAW", "1", "2.38"), T0.plusSeconds(60));
        OkHttpSyncTransport fresh = hq.transport();
        assertThat(fresh.sendsRawPayloads()).as("nothing raw before HQ said it reads it").isFalse();

        BatchAck strings = ack(fresh.upload(till.credential(), till.batch(1, 3)));
        assertThat(fresh.sendsRawPayloads()).as("HQ's answer said so").isTrue();
        BatchAck raw = ack(fresh.upload(till.credential(), till.batch(4, 7)));

        assertThat(strings).isEqualTo(new BatchAck(3, 3, 0, List.of(), null));
        assertThat(raw).isEqualTo(new BatchAck(7, 4, 0, List.of(), null));
        String terminal = till.credential().terminalId();
        for (OutboxEvent e : till.journal().all()) {
            assertThat(hq.single("select payload from event where event_id = ?::uuid", e.eventId())).isEqualTo(e.payload());
            assertThat(hq.single("select payload_hash from event where event_id = ?::uuid", e.eventId()))
                    .isEqualTo(JournalHash.sha256Hex(e.payload()));
        }
        assertThat(hq.count("select count(*) from flag where terminal_id = ?", terminal)).as("no hash mismatch").isZero();
        assertThat(hq.count("select count(*) from sale where terminal_id = ?", terminal)).isEqualTo(7);
        // the same events again, raw: duplicates, as a re-send of strings would be
        assertThat(ack(fresh.upload(till.credential(), till.batch(1, 7)))).isEqualTo(new BatchAck(7, 0, 7, List.of(), null));
    }

    /**
     * Decision 0212: a terminal may have two batches in flight. Whichever reaches the terminal's lock
     * first, each event is stored once; a batch that overtook the one before it stores nothing and is
     * answered with resendFrom at the first position it lacks, and is applied when sent again.
     */
    @Test
    void twoBatchesOfOneTerminalSentAtOnceAreAppliedOnceInWhicheverOrderTheyArrive() throws Exception {
        Till till = newTill("B-2IF");
        int rounds = 8;
        for (int i = 0; i < rounds * 10; i++) {
            till.sale("two-" + i, "SKU-2IF", "1");
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int r = 0; r < rounds; r++) {
                EventBatch first = till.batch(r * 10 + 1, r * 10 + 5);
                EventBatch second = till.batch(r * 10 + 6, r * 10 + 10);
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                var a = pool.submit(() -> {
                    together.await();
                    return till.send(first);
                });
                var b = pool.submit(() -> {
                    together.await();
                    return till.send(second);
                });
                BatchAck firstAck = ack(a.get(30, java.util.concurrent.TimeUnit.SECONDS));
                BatchAck secondAck = ack(b.get(30, java.util.concurrent.TimeUnit.SECONDS));

                assertThat(firstAck).isEqualTo(new BatchAck(r * 10 + 5, 5, 0, List.of(), null));
                if (secondAck.resendFrom() != null) {
                    // it overtook the first: nothing of it stored, HQ asks from the first batch's start
                    assertThat(secondAck).isEqualTo(new BatchAck(r * 10, 0, 0, List.of(), r * 10 + 1L));
                    assertThat(ack(till.send(second))).isEqualTo(new BatchAck(r * 10 + 10, 5, 0, List.of(), null));
                } else {
                    assertThat(secondAck).isEqualTo(new BatchAck(r * 10 + 10, 5, 0, List.of(), null));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        String terminal = till.credential().terminalId();
        assertThat(hq.count("select count(*) from event where terminal_id = ?", terminal)).isEqualTo(rounds * 10);
        assertThat(hq.count("select count(distinct seq) from event where terminal_id = ?", terminal)).isEqualTo(rounds * 10);
        assertThat(hq.count("select count(*) from sale where terminal_id = ?", terminal)).isEqualTo(rounds * 10);
        assertThat((BigDecimal) hq.single("select quantity from stock_on_hand where branch_id = 'B-2IF' and sku = 'SKU-2IF'"))
                .isEqualByComparingTo(Integer.toString(-rounds * 10));
    }

    @Test
    void sameEventIdWithADifferentPayloadIsAConflictQuarantinedAndLaterEventsStillFlow() throws Exception {
        Till till = newTill("B-2");
        till.sale("c-1", "SKU-C", "1");
        OutboxEvent original = till.sale("c-2", "SKU-C", "1");
        ack(till.send(till.batch(1, 2)));
        String forged = Payloads.sale("c-2", "SKU-C", "100", "238.00");
        WireEvent tampered = new WireEvent(original.eventId(), original.seq(), original.prevHash(),
                JournalHash.compute(original.prevHash(), original.eventId(), original.terminalId(), original.seq(), original.type(), 1,
                        original.businessDay(), original.occurredAt().toEpochMilli(), forged),
                original.type(), 1, original.occurredAt(), original.businessDay(), forged);
        till.sale("c-3", "SKU-C", "1");

        UploadResult conflict = till.send(new EventBatch(1, till.credential().terminalId(),
                List.of(tampered, till.journal().all().get(2).toWire())));

        assertThat(conflict).isInstanceOf(UploadResult.Acknowledged.class);
        UploadResult.Acknowledged a = (UploadResult.Acknowledged) conflict;
        assertThat(a.conflict()).as("409 EVENT_CONFLICT").isTrue();
        assertThat(a.ack().acceptedThroughSeq()).isEqualTo(3);
        assertThat(a.ack().quarantined()).singleElement().satisfies(q -> {
            assertThat(q.eventId()).isEqualTo(original.eventId());
            assertThat(q.reason()).contains("different payload");
        });
        assertThat(hq.count("select count(*) from quarantine where event_id = ?::uuid and kind = 'CONFLICT'", original.eventId())).isEqualTo(1);
        assertThat((BigDecimal) hq.single("select gross from sale where sale_id = 'c-2'")).as("the first version stands").isEqualByComparingTo("2.38");
        till.sale("c-4", "SKU-C", "1");
        assertThat(ack(till.send(till.batch(4, 4))).acceptedThroughSeq()).isEqualTo(4);
        assertThat(hq.count("select count(*) from sale where terminal_id = ?", till.credential().terminalId())).isEqualTo(4);
    }

    @Test
    void aGapIsAnsweredWithResendFromAndNothingAfterItIsApplied() throws Exception {
        Till till = newTill("B-3");
        for (int i = 0; i < 9; i++) {
            till.sale("g-" + i, "SKU-G", "1");
        }

        BatchAck late = ack(till.send(till.batch(4, 6)));
        BatchAck later = ack(till.send(till.batch(7, 9)));
        BatchAck first = ack(till.send(till.batch(1, 3)));
        BatchAck resent = ack(till.send(till.batch(first.acceptedThroughSeq() + 1, 9)));

        assertThat(late.resendFrom()).isEqualTo(1L);
        assertThat(late.applied()).isZero();
        assertThat(later.resendFrom()).isEqualTo(1L);
        assertThat(first).isEqualTo(new BatchAck(3, 3, 0, List.of(), null));
        assertThat(resent).isEqualTo(new BatchAck(9, 6, 0, List.of(), null));
        assertThat(hq.rows("select seq from event where terminal_id = ? order by received_at, seq", till.credential().terminalId()))
                .extracting(row -> ((Number) row.get(0)).longValue()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void anInvalidPayloadIsQuarantinedAndAcknowledgedSoTheQueueKeepsFlowing() throws Exception {
        Till till = newTill("B-4");
        till.sale("q-1", "SKU-Q", "1");
        till.journal().append("SALE_COMPLETED", "{\"saleId\":\"q-2\",\"lines\":\"oops\"}", T0);
        till.journal().append("SOMETHING_FROM_THE_FUTURE", "{}", T0);
        till.sale("q-4", "SKU-Q", "1");

        BatchAck ack = ack(till.send(till.batch(1, 4)));

        assertThat(ack.acceptedThroughSeq()).isEqualTo(4);
        assertThat(ack.applied()).isEqualTo(2);
        assertThat(ack.quarantined()).extracting(q -> q.seq()).containsExactly(2L, 3L);
        assertThat(ack.quarantined().get(0).reason()).contains("invalid SALE_COMPLETED payload").contains("lines");
        assertThat(ack.quarantined().get(1).reason()).contains("unknown event type SOMETHING_FROM_THE_FUTURE");
        assertThat(hq.count("select count(*) from quarantine where terminal_id = ?", till.credential().terminalId())).isEqualTo(2);
        BatchAck again = ack(till.send(till.batch(1, 4)));
        assertThat(again.duplicates()).isEqualTo(4);
        assertThat(again.quarantined()).hasSize(2);
    }

    @Test
    void aSequenceGoingBackwardsWithDifferentEventsBlocksTheTerminal() throws Exception {
        Till till = newTill("B-5");
        for (int i = 0; i < 3; i++) {
            till.sale("r-" + i, "SKU-R", "1");
        }
        ack(till.send(till.batch(1, 3)));
        // a restored backup: the journal is back at seq 1 and writes a different seq 2
        InMemoryJournalOutbox restored = new InMemoryJournalOutbox(till.credential().terminalId(), new Random(99));
        restored.append("SALE_COMPLETED", Payloads.sale("r-0", "SKU-R", "1", "2.38"), T0);
        restored.append("SALE_COMPLETED", Payloads.sale("r-other", "SKU-R", "1", "2.38"), T0.plusSeconds(60));

        UploadResult result = till.send(till.batchOf(restored.eventsFrom(2, 1)));

        assertThat(result).isInstanceOf(UploadResult.Blocked.class);
        assertThat(((UploadResult.Blocked) result).message()).contains("sequence went backwards");
        assertThat(hq.single("select blocked from terminal where terminal_id = ?", till.credential().terminalId())).isEqualTo(true);
        assertThat(hq.count("select count(*) from flag where terminal_id = ? and kind = 'SEQUENCE_REGRESSION'", till.credential().terminalId())).isEqualTo(1);
        till.sale("r-3", "SKU-R", "1");
        assertThat(till.send(till.batch(4, 4))).as("stays blocked, nothing skipped").isInstanceOf(UploadResult.Blocked.class);
        assertThat(hq.count("select count(*) from event where terminal_id = ?", till.credential().terminalId())).isEqualTo(3);
    }

    @Test
    void aBrokenHashChainBlocksTheTerminal() throws Exception {
        Till till = newTill("B-6");
        till.sale("h-1", "SKU-H", "1");
        ack(till.send(till.batch(1, 1)));
        InMemoryJournalOutbox clone = new InMemoryJournalOutbox(till.credential().terminalId(), new Random(7));
        clone.append("SALE_COMPLETED", Payloads.sale("h-x", "SKU-H", "1", "2.38"), T0);
        clone.append("SALE_COMPLETED", Payloads.sale("h-y", "SKU-H", "1", "2.38"), T0);

        UploadResult result = till.send(till.batchOf(clone.eventsFrom(2, 1)));

        assertThat(result).isInstanceOf(UploadResult.Blocked.class);
        assertThat(((UploadResult.Blocked) result).message()).contains("hash chain broken at seq 2");
    }

    @Test
    void anOverRefundAcrossTwoOfflineTerminalsIsFlaggedNotSilentlyAccepted() throws Exception {
        Till a = newTill("B-7");
        Till b = newTill("B-7");
        a.sale("o-1", "SKU-O", "2");
        a.journal().append("REFUND_COMPLETED", Payloads.refund("ref-a", "o-1", "SKU-O", "2", "2.38"), T0.plusSeconds(100));
        b.journal().append("REFUND_COMPLETED", Payloads.refund("ref-b", "o-1", "SKU-O", "1", "1.19"), T0.plusSeconds(100));

        ack(b.send(b.batch(1, 1)));
        ack(a.send(a.batch(1, 2)));

        assertThat(hq.count("select count(*) from flag where kind = 'OVER_REFUND' and detail like '%o-1%'")).isEqualTo(1);
        assertThat(hq.rows("select refund_id, flagged from refund where original_sale_id = 'o-1' order by refund_id"))
                .containsExactly(List.of("ref-a", true), List.of("ref-b", true));
        assertThat((BigDecimal) hq.single("select quantity from stock_on_hand where branch_id = 'B-7' and sku = 'SKU-O'"))
                .isEqualByComparingTo("1");
    }

    @Test
    void anEventPostgresCannotStoreIsQuarantinedInsteadOfWedgingTheStream() throws Exception {
        Till till = newTill("B-9");
        till.journal().append("SALE_COMPLETED", Payloads.sale("nul-1", "SKU\\u0000X", "1", "1.00"), T0);
        till.journal().append("SALE_COMPLETED", Payloads.sale("nul-2", "SKU\u0000Y", "1", "1.00"), T0);
        till.sale("nul-3", "SKU-N", "1");

        BatchAck ack = ack(till.send(till.batch(1, 3)));

        assertThat(ack.acceptedThroughSeq()).isEqualTo(3);
        assertThat(ack.quarantined()).extracting(q -> q.seq()).containsExactly(1L, 2L);
        assertThat(ack.quarantined().get(0).reason()).contains("could not be applied at HQ");
        assertThat(ack.quarantined().get(1).reason()).contains("NUL character");
        assertThat(hq.count("select count(*) from sale where terminal_id = ?", till.credential().terminalId())).isEqualTo(1);
        assertThat(ack(till.send(till.batch(1, 3))).duplicates()).as("the quarantined copies are recognised again").isEqualTo(3);
    }

    @Test
    void cashMovementsAndStockMovementsAreProjected() throws Exception {
        Till till = newTill("B-8");
        till.journal().append("STOCK_MOVEMENT", Payloads.stock("m-1", "SKU-S", "24"), T0);
        till.journal().append("CASH_MOVEMENT", Payloads.cash("cm-1", "50.00"), T0);
        till.sale("s-1", "SKU-S", "3");

        ack(till.send(till.batch(1, 3)));

        assertThat((BigDecimal) hq.single("select quantity from stock_on_hand where branch_id = 'B-8' and sku = 'SKU-S'")).isEqualByComparingTo("21");
        assertThat((BigDecimal) hq.single("select amount from cash_movement where movement_id = 'cm-1'")).isEqualByComparingTo("50");
    }

    @Test
    void aValidSaleTheOnePassLeavesToTheTreeIsRecordedInTheSameRunAsTheOthers() throws Exception {
        Till till = newTill("B-9");
        till.sale("s-plain-1", "SKU-T", "2");
        // valid for the validator (its tree keeps the last saleId) but not plain: the one-pass reader
        // leaves a field twice to the tree path (decision 0208), and the run still records it
        String twice = Payloads.sale("s-first", "SKU-T", "5", "2.38").replace("\"saleId\":\"s-first\",",
                "\"saleId\":\"s-first\",\"saleId\":\"s-last\",");
        till.journal().append("SALE_COMPLETED", twice, T0.plusSeconds(10));
        till.sale("s-plain-2", "SKU-T", "1");

        BatchAck ack = ack(till.send(till.batch(1, 3)));

        assertThat(ack.applied()).isEqualTo(3);
        assertThat(ack.quarantined()).isEmpty();
        assertThat(hq.single("select count(*) from sale where sale_id in ('s-plain-1', 's-last', 's-plain-2')")).isEqualTo(3L);
        assertThat(hq.single("select count(*) from sale where sale_id = 's-first'")).isEqualTo(0L);
        assertThat((BigDecimal) hq.single("select quantity from sale_line where sale_id = 's-last' and line_no = 1")).isEqualByComparingTo("5");
        assertThat((BigDecimal) hq.single("select quantity from stock_on_hand where branch_id = 'B-9' and sku = 'SKU-T'"))
                .isEqualByComparingTo("-8");
    }

    @Test
    void aLargeBatchOfSalesIsProjectedSetBasedWithTheSameFlagsAsOneByOne() throws Exception {
        Till till = newTill("B-10");
        for (int i = 1; i <= 300; i++) {
            till.sale("big-" + i, "SKU-B" + (i % 7), "1");
        }
        till.sale("big-5", "SKU-B0", "1"); // a sale id used twice: flagged, its stock not moved again
        String twoLineOnes = Payloads.sale("big-twice", "SKU-B1", "1", "1.19").replace("\"lines\":[{\"lineNo\":1,",
                "\"lines\":[{\"lineNo\":1,\"sku\":\"SKU-B2\",\"description\":\"x\",\"quantity\":\"1\",\"unitPrice\":\"1.19\","
                        + "\"gross\":\"1.19\",\"taxCode\":\"REDUCED\",\"taxRate\":\"7\"},{\"lineNo\":1,");
        till.journal().append("SALE_COMPLETED", twoLineOnes, T0.plusSeconds(400));
        till.sale("big-last", "SKU-B3", "2");

        BatchAck ack = ack(till.send(till.batch(1, 303)));

        assertThat(ack.applied()).isEqualTo(303);
        assertThat(ack.quarantined()).isEmpty();
        assertThat(hq.count("select count(*) from sale where terminal_id = ?", till.credential().terminalId())).isEqualTo(302);
        assertThat(hq.count("select count(*) from flag where kind = 'DUPLICATE_SALE_ID' and terminal_id = ?",
                till.credential().terminalId())).isEqualTo(1);
        assertThat(hq.count("select count(*) from flag where kind = 'DUPLICATE_LINE_NO' and detail = 'sale big-twice has line 1 twice'"))
                .isEqualTo(1);
        assertThat(hq.rows("select sku, quantity::text from stock_on_hand where branch_id = 'B-10' order by sku")).containsExactly(
                List.of("SKU-B0", "-42.000000"), List.of("SKU-B1", "-44.000000"), List.of("SKU-B2", "-44.000000"),
                List.of("SKU-B3", "-45.000000"), List.of("SKU-B4", "-43.000000"), List.of("SKU-B5", "-43.000000"),
                List.of("SKU-B6", "-43.000000"));
        assertThat(ack(till.send(till.batch(1, 303))).duplicates()).isEqualTo(303);
    }
}
