package io.branchpos.sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.client.OkHttpSyncTransport;
import io.branchpos.sync.client.SyncEngine;
import io.branchpos.sync.client.SyncStatus;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.client.UploadResult;
import io.branchpos.sync.protocol.EventBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Faults around a committed batch: a lost answer, and two server instances racing for the same batch. */
class ExactlyOnceUnderFaultsTest {

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

    @Test
    void anAnswerLostAfterTheServerCommittedIsRetriedWithoutDuplicates() throws Exception {
        String terminal = "T-LOST-1";
        String code = hq.server.registry().createEnrollmentCode("B-LOST", terminal);
        InMemoryJournalOutbox journal = new InMemoryJournalOutbox(terminal, new Random(5));
        for (int i = 0; i < 40; i++) {
            journal.append("SALE_COMPLETED", Payloads.sale("lost-" + i, "SKU-L", "1", "1.00"), T0.plusSeconds(i));
        }
        try (FaultyTcpProxy proxy = new FaultyTcpProxy(hq.server.port())) {
            OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).retryOnConnectionFailure(false).build();
            SyncEngine engine = SyncEngine.builder().outbox(journal).credentials(CredentialStore.inMemory())
                    .transport(new OkHttpSyncTransport(proxy.baseUrl(), http)).enrollmentCode(code)
                    .batchSizes(10, 10).random(new Random(1)).build();
            engine.drain(); // enrols and drains everything through a healthy link
            assertThat(journal.pendingCount()).isZero();
            for (int i = 40; i < 70; i++) {
                journal.append("SALE_COMPLETED", Payloads.sale("lost-" + i, "SKU-L", "1", "1.00"), T0.plusSeconds(i));
            }
            proxy.answersToDrop.set(3);

            for (int pass = 0; pass < 20 && journal.pendingCount() > 0; pass++) {
                engine.drain();
            }

            assertThat(proxy.answersDropped.get()).isEqualTo(3);
            assertThat(journal.pendingCount()).isZero();
            assertThat(engine.status().state()).isEqualTo(SyncStatus.State.UP_TO_DATE);
        }
        assertThat(hq.count("select count(*) from event where terminal_id = ?", terminal))
                .as(() -> "HQ has " + hq.rows("select seq from event where terminal_id = ? order by seq", terminal)
                        + " hwm " + hq.rows("select * from terminal where terminal_id = ?", terminal))
                .isEqualTo(70);
        assertThat(hq.count("select count(*) from sale where terminal_id = ?", terminal)).isEqualTo(70);
        assertThat(hq.count("select count(distinct seq) from event where terminal_id = ?", terminal)).isEqualTo(70);
        assertThat(hq.count("select count(*) from quarantine where terminal_id = ?", terminal)).isZero();
        assertThat(hq.server.metrics().render()).containsPattern("branchpos_sync_duplicates_total [1-9]");
    }

    @Test
    void twoServerInstancesReceivingTheSameBatchAtTheSameInstantApplyItOnce() throws Exception {
        String terminal = "T-RACE-1";
        TerminalCredential credential = hq.enroll("B-RACE", terminal);
        InMemoryJournalOutbox journal = new InMemoryJournalOutbox(terminal, new Random(6));
        try (TestServer second = hq.anotherInstance()) {
            OkHttpSyncTransport viaFirst = hq.transport();
            OkHttpSyncTransport viaSecond = second.transport();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 15; round++) {
                    List<OutboxEvent> events = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        events.add(journal.append("SALE_COMPLETED", Payloads.sale("race-" + round + "-" + i, "SKU-R", "1", "1.00"), T0));
                    }
                    EventBatch batch = new EventBatch(1, terminal, events.stream().map(OutboxEvent::toWire).toList());
                    CyclicBarrier barrier = new CyclicBarrier(2);
                    Future<UploadResult> a = pool.submit(() -> { barrier.await(); return viaFirst.upload(credential, batch); });
                    Future<UploadResult> b = pool.submit(() -> { barrier.await(); return viaSecond.upload(credential, batch); });
                    UploadResult.Acknowledged ra = (UploadResult.Acknowledged) a.get(30, TimeUnit.SECONDS);
                    UploadResult.Acknowledged rb = (UploadResult.Acknowledged) b.get(30, TimeUnit.SECONDS);

                    long last = events.get(events.size() - 1).seq();
                    assertThat(ra.ack().acceptedThroughSeq()).isEqualTo(last);
                    assertThat(rb.ack().acceptedThroughSeq()).as("the loser gets the stored answer").isEqualTo(last);
                    assertThat(List.of(ra.ack().applied(), rb.ack().applied())).containsExactlyInAnyOrder(10, 0);
                    assertThat(List.of(ra.ack().duplicates(), rb.ack().duplicates())).containsExactlyInAnyOrder(0, 10);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(hq.count("select count(*) from event where terminal_id = ?", terminal)).isEqualTo(150);
        assertThat(hq.count("select count(*) from sale where terminal_id = ?", terminal)).isEqualTo(150);
        assertThat(hq.count("select high_water_seq from terminal where terminal_id = ?", terminal)).isEqualTo(150);
    }

    @Test
    void terminalsOfOneBranchSellingTheSameSkusInParallelAreAllCountedExactlyOnce() throws Exception {
        int terminals = 6;
        List<InMemoryJournalOutbox> journals = new ArrayList<>();
        List<SyncEngine> engines = new ArrayList<>();
        Random rnd = new Random(8);
        for (int t = 0; t < terminals; t++) {
            String id = "T-PAR-" + t;
            InMemoryJournalOutbox journal = new InMemoryJournalOutbox(id, new Random(1000 + t)); // seeds unique in this database: equal seeds and clocks give equal event ids
            for (int i = 0; i < 120; i++) {
                // lines in varying SKU order across terminals: concurrent batches lock stock rows in different orders
                journal.append("SALE_COMPLETED", Payloads.sale(id + "-" + i, "SKU-P" + rnd.nextInt(3), "1", "1.00"), T0.plusSeconds(i));
                if (i % 10 == 9) {
                    journal.append("REFUND_COMPLETED", Payloads.refund(id + "-r" + i, id + "-" + (i - 1), skuOf(journal, id + "-" + (i - 1)), "1", "1.00"),
                            T0.plusSeconds(i));
                }
            }
            CredentialStore credentials = CredentialStore.inMemory();
            credentials.save(hq.enroll("B-PAR", id));
            journals.add(journal);
            engines.add(SyncEngine.builder().outbox(journal).credentials(credentials).transport(hq.transport()).batchSizes(20, 40).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(terminals);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < terminals; t++) {
                SyncEngine engine = engines.get(t);
                InMemoryJournalOutbox journal = journals.get(t);
                runs.add(pool.submit(() -> {
                    for (int pass = 0; pass < 50 && journal.pendingCount() > 0; pass++) {
                        engine.drain();
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long expected = 0;
        for (InMemoryJournalOutbox journal : journals) {
            assertThat(journal.pendingCount()).isZero();
            expected += journal.all().stream().filter(e -> e.type().equals("REFUND_COMPLETED")).count()
                    - journal.all().stream().filter(e -> e.type().equals("SALE_COMPLETED")).count();
        }
        assertThat(hq.count("select count(*) from event where terminal_id like 'T-PAR-%'"))
                .isEqualTo(journals.stream().mapToLong(j -> j.all().size()).sum());
        assertThat(((java.math.BigDecimal) hq.single("select sum(quantity) from stock_on_hand where branch_id = 'B-PAR'")).longValueExact())
                .isEqualTo(expected);
        assertThat(hq.count("select count(*) from flag where terminal_id like 'T-PAR-%'")).isZero();
    }

    private static String skuOf(InMemoryJournalOutbox journal, String saleId) {
        return journal.all().stream().filter(e -> e.payload().contains("\"" + saleId + "\""))
                .map(e -> e.payload().replaceAll(".*\"sku\":\"(SKU-P\\d)\".*", "$1")).findFirst().orElseThrow();
    }
}
