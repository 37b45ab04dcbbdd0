package io.branchpos.sync.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.protocol.BatchAck;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.QuarantinedEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine against a scripted fake HQ: what it does with each kind of answer. */
class SyncEngineTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final TerminalCredential CREDENTIAL = new TerminalCredential("T-1", "B-1", "bpt_secret");

    /** A fake HQ answering from a script; an empty script acknowledges everything sent. */
    static final class ScriptedHq implements SyncTransport {
        final Deque<Object> script = new ArrayDeque<>();
        final List<EventBatch> received = new ArrayList<>();
        String enrolledWith;

        @Override
        public UploadResult upload(TerminalCredential credential, EventBatch batch) throws IOException {
            received.add(batch);
            Object next = script.poll();
            if (next instanceof IOException e) {
                throw e;
            }
            if (next instanceof UploadResult r) {
                return r;
            }
            long last = batch.events().get(batch.events().size() - 1).seq();
            return new UploadResult.Acknowledged(new BatchAck(last, batch.events().size(), 0, List.of(), null), false);
        }

        @Override
        public EnrollmentResponse enroll(String code) throws IOException {
            if (!"GOOD-CODE".equals(code)) {
                throw new EnrollmentRefusedException("unknown code");
            }
            enrolledWith = code;
            return new EnrollmentResponse("T-1", "B-1", "bpt_secret");
        }
    }

    final ScriptedHq hq = new ScriptedHq();
    final InMemoryJournalOutbox journal = new InMemoryJournalOutbox("T-1", new Random(1));
    final CredentialStore credentials = CredentialStore.inMemory();

    SyncEngine.Builder engine() {
        return SyncEngine.builder().outbox(journal).credentials(credentials).transport(hq)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).random(new Random(7)).batchSizes(3, 3)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(60))
                // the script answers batches in the order they arrive: one in flight; two have their own tests
                .uploadsInFlight(1);
    }

    void sales(int n) {
        for (int i = 0; i < n; i++) {
            journal.append("SALE_COMPLETED", "{}", NOW.minusSeconds(600 - i));
        }
    }

    @Test
    void readsAndEncodesTheNextBatchWhileOneIsInFlight() throws Exception {
        credentials.save(CREDENTIAL);
        sales(7);
        CountDownLatch nextRead = new CountDownLatch(1);
        List<Long> readFrom = new CopyOnWriteArrayList<>();
        List<String> preparedOn = new CopyOnWriteArrayList<>();
        JournalOutbox watched = new ForwardingOutbox(journal) {
            @Override
            public List<OutboxEvent> eventsFrom(long fromSeq, int max) {
                readFrom.add(fromSeq);
                if (fromSeq == 4) {
                    nextRead.countDown();
                }
                return journal.eventsFrom(fromSeq, max);
            }
        };
        SyncTransport slow = new SyncTransport() {
            @Override
            public Prepared prepare(EventBatch batch) {
                preparedOn.add(Thread.currentThread().getName());
                return new Prepared(batch, null);
            }

            @Override
            public UploadResult upload(TerminalCredential credential, EventBatch batch) throws IOException {
                if (batch.events().get(0).seq() == 1) {
                    try {
                        // the first batch stays in flight until the engine has read the second
                        assertThat(nextRead.await(30, TimeUnit.SECONDS)).as("next batch read while the first was in flight").isTrue();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return hq.upload(credential, batch);
            }

            @Override
            public EnrollmentResponse enroll(String code) throws IOException {
                return hq.enroll(code);
            }
        };
        try (SyncEngine e = engine().outbox(watched).transport(slow).build()) {
            e.drain();
        }

        assertThat(hq.received).extracting(b -> b.events().get(0).seq()).containsExactly(1L, 4L, 7L);
        assertThat(journal.pendingCount()).isZero();
        assertThat(readFrom).as("each position read once: the read-ahead batch was the one sent").containsExactly(1L, 4L, 7L, 8L);
        assertThat(preparedOn).contains("branchpos-sync-read-ahead");
    }

    @Test
    void aBatchReadAheadIsDroppedWhenHqAsksForAnotherPosition() {
        credentials.save(CREDENTIAL);
        sales(7);
        // HQ takes only the first event of the first batch and asks for the rest again
        hq.script.add(new UploadResult.Acknowledged(new BatchAck(1, 1, 0, List.of(), 2L), false));
        try (SyncEngine e = engine().build()) {
            e.drain();
        }

        assertThat(hq.received).extracting(b -> b.events().get(0).seq()).containsExactly(1L, 2L, 5L);
        assertThat(journal.pendingCount()).isZero();
    }

    @Test
    void withoutReadAheadEachBatchIsReadAfterTheAnswerBefore() {
        credentials.save(CREDENTIAL);
        sales(7);
        try (SyncEngine e = engine().readAhead(false).build()) {
            e.drain();
        }

        assertThat(hq.received).extracting(b -> b.events().get(0).seq()).containsExactly(1L, 4L, 7L);
        assertThat(journal.pendingCount()).isZero();
    }

    @Test
    void drainsInOrderInBatchesAndMarksOnlyWhatHqAcknowledged() {
        credentials.save(CREDENTIAL);
        sales(7);

        Duration next = engine().build().drain();

        assertThat(hq.received).extracting(b -> b.events().get(0).seq()).containsExactly(1L, 4L, 7L);
        assertThat(journal.syncedThroughSeq()).isEqualTo(7);
        assertThat(next).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBatchHqStoredOnlyInPartIsSentAgainFromTheFirstMissingSeq() {
        credentials.save(CREDENTIAL);
        sales(9);
        // HQ stored seq 1-2 of the first batch only (e.g. its answer was cut short): 3 must be sent again
        hq.script.add(new UploadResult.Acknowledged(new BatchAck(2, 2, 0, List.of(), null), false));

        engine().build().drain();

        assertThat(hq.received).extracting(b -> b.events().get(0).seq()).containsExactly(1L, 3L, 6L, 9L);
        assertThat(journal.syncedThroughSeq()).isEqualTo(9);
    }

    @Test
    void aFailingMarkFailsTheDrainPassAndMarksNothing() {
        credentials.save(CREDENTIAL);
        sales(4);
        JournalOutbox failing = new ForwardingOutbox(journal) {
            @Override
            public void markSyncedThrough(long seq) {
                throw new IllegalStateException("disk full");
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine().outbox(failing).build().drain())
                .isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        assertThat(journal.syncedThroughSeq()).isZero();
    }

    @Test
    void enrolsAutomaticallyWithAPreSeededCode() {
        sales(1);

        engine().enrollmentCode("GOOD-CODE").build().drain();

        assertThat(hq.enrolledWith).isEqualTo("GOOD-CODE");
        assertThat(credentials.load()).contains(CREDENTIAL);
        assertThat(journal.pendingCount()).isZero();
    }

    @Test
    void aUsedEnrollmentCodeIsNotOfferedAgainAfterHqRevokesTheTerminal() {
        sales(1);
        SyncEngine engine = engine().enrollmentCode("GOOD-CODE").build();
        engine.drain();
        hq.enrolledWith = null;
        sales(1);
        hq.script.add(new UploadResult.Unauthorized("revoked"));

        engine.drain(); // 401: the credential is forgotten
        engine.drain(); // must not enrol again with the one-time code

        assertThat(hq.enrolledWith).isNull();
        assertThat(credentials.load()).isEmpty();
        assertThat(engine.status().state()).isEqualTo(SyncStatus.State.NEEDS_ENROLLMENT);
        assertThat(journal.pendingCount()).isEqualTo(1);
    }

    @Test
    void aRefusedEnrollmentCodeAsksForEnrollment() {
        SyncEngine engine = engine().enrollmentCode("BAD").build();

        engine.drain();

        assertThat(engine.status().state()).isEqualTo(SyncStatus.State.NEEDS_ENROLLMENT);
        assertThat(engine.status().lastError()).contains("refused the enrollment code");
    }

    @Test
    void offlineBacksOffExponentiallyWithJitterAndKeepsTheQueue() {
        credentials.save(CREDENTIAL);
        sales(2);
        for (int i = 0; i < 4; i++) {
            hq.script.add(new IOException("connection refused"));
        }
        SyncEngine engine = engine().build();

        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            delays.add(engine.drain());
        }

        assertThat(delays.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(delays.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(delays.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(delays.get(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        SyncStatus status = engine.status();
        assertThat(status.state()).isEqualTo(SyncStatus.State.OFFLINE);
        assertThat(status.online()).isFalse();
        assertThat(status.pendingCount()).isEqualTo(2);
        assertThat(status.oldestPending()).contains(Duration.ofSeconds(600));
        assertThat(status.lastError()).contains("connection refused");
        engine.drain();
        assertThat(journal.pendingCount()).as("resumes by itself when the network heals").isZero();
    }

    @Test
    void retryAfterIsHonoured() {
        credentials.save(CREDENTIAL);
        sales(1);
        hq.script.add(new UploadResult.RetryLater(Duration.ofSeconds(120), "503 busy"));

        assertThat(engine().build().drain()).isGreaterThanOrEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void resendFromRewindsTheCursor() {
        credentials.save(CREDENTIAL);
        sales(6);
        journal.markSyncedThrough(3);
        hq.script.add(new UploadResult.Acknowledged(new BatchAck(1, 0, 0, List.of(), 2L), false));

        engine().build().drain();

        assertThat(hq.received).extracting(b -> b.events().get(0).seq()).containsExactly(4L, 2L, 5L);
        assertThat(journal.syncedThroughSeq()).isEqualTo(6);
    }

    @Test
    void quarantinedEventsAreHandedToTheStoreAndCountAsSynced() {
        credentials.save(CREDENTIAL);
        sales(2);
        QuarantinedEvent q = new QuarantinedEvent(journal.all().get(1).eventId(), 2, "invalid SALE_COMPLETED payload: lines is missing");
        hq.script.add(new UploadResult.Acknowledged(new BatchAck(2, 1, 0, List.of(q), null), false));

        engine().build().drain();

        assertThat(journal.quarantined()).containsEntry(q.eventId(), q);
        assertThat(journal.pendingCount()).isZero();
    }

    @Test
    void unauthorizedForgetsTheCredentialAndAsksForEnrollment() {
        credentials.save(CREDENTIAL);
        sales(1);
        hq.script.add(new UploadResult.Unauthorized("revoked"));
        SyncEngine engine = engine().build();

        engine.drain();

        assertThat(credentials.load()).isEmpty();
        assertThat(engine.status().state()).isEqualTo(SyncStatus.State.NEEDS_ENROLLMENT);
        assertThat(journal.pendingCount()).isEqualTo(1);
    }

    @Test
    void upgradeRequiredKeepsTheQueue() {
        credentials.save(CREDENTIAL);
        sales(2);
        hq.script.add(new UploadResult.UpgradeRequired("too old"));
        SyncEngine engine = engine().build();

        engine.drain();

        assertThat(engine.status().state()).isEqualTo(SyncStatus.State.UPGRADE_REQUIRED);
        assertThat(journal.pendingCount()).isEqualTo(2);
    }

    @Test
    void aBlockedTerminalStopsAndSaysSo() {
        credentials.save(CREDENTIAL);
        sales(2);
        hq.script.add(new UploadResult.Blocked("sequence went backwards", null));
        SyncEngine engine = engine().build();

        engine.drain();

        assertThat(engine.status().state()).isEqualTo(SyncStatus.State.BLOCKED);
        assertThat(hq.received).hasSize(1);
    }

    @Test
    void aNudgeWakesTheSyncThreadWithoutWaitingForTheTimer() throws Exception {
        credentials.save(CREDENTIAL);
        List<SyncStatus> seen = new CopyOnWriteArrayList<>();
        CountDownLatch drained = new CountDownLatch(1);
        try (SyncEngine engine = engine().idleInterval(Duration.ofHours(1)).build()) {
            engine.addListener(s -> {
                seen.add(s);
                if (s.state() == SyncStatus.State.UP_TO_DATE && s.pendingCount() == 0 && !hq.received.isEmpty()) {
                    drained.countDown();
                }
            });
            engine.start();
            sales(2);
            engine.nudge();

            assertThat(drained.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen).extracting(SyncStatus::state).contains(SyncStatus.State.SYNCING);
    }

    @Test
    void sendsTheNextFullBatchWhileTheOneBeforeIsInFlight() throws Exception {
        credentials.save(CREDENTIAL);
        sales(7);
        LockingHq model = new LockingHq();
        CountDownLatch secondArrived = new CountDownLatch(1);
        SyncTransport hqWaitingForTwo = uploadsOnly(batch -> {
            long first = batch.events().get(0).seq();
            if (first == 4) {
                secondArrived.countDown();
            }
            if (first == 1) {
                // the first batch is answered only once the second has been sent
                awaitOrFail(secondArrived, "second batch sent while the first was in flight");
                return model.apply(batch);
            }
            synchronized (model) {
                return model.apply(batch); // may wait for the first: HQ's terminal lock
            }
        });
        try (SyncEngine e = engine().transport(hqWaitingForTwo).uploadsInFlight(2).build()) {
            e.drain();
        }

        assertThat(model.stored()).as("each event stored once, in order").containsExactlyElementsOf(
                journal.all().stream().map(OutboxEvent::eventId).toList());
        assertThat(journal.pendingCount()).isZero();
    }

    @Test
    void aBatchThatOvertookTheOneBeforeIsSentAgainAndNothingIsLostOrDoubled() throws Exception {
        credentials.save(CREDENTIAL);
        sales(7);
        LockingHq model = new LockingHq();
        CountDownLatch secondAnswered = new CountDownLatch(1);
        SyncTransport overtaking = uploadsOnly(batch -> {
            long first = batch.events().get(0).seq();
            if (first == 1) {
                awaitOrFail(secondAnswered, "the batch sent second reaches HQ's lock first");
            }
            UploadResult r = model.apply(batch);
            if (first == 4) {
                secondAnswered.countDown();
            }
            return r;
        });
        SyncEngine engine = engine().transport(overtaking).uploadsInFlight(2).build();
        try (engine) {
            engine.drain();
        }

        assertThat(model.arrived().subList(0, 2)).as("the second batch overtook the first").containsExactly(4L, 1L);
        assertThat(model.arrived().stream().filter(s -> s == 4L).count()).as("and was sent again").isGreaterThanOrEqualTo(2);
        assertThat(model.arrived().stream().filter(s -> s == 1L).count())
                .as("the first, acknowledged, not again: the overtaken answer's resendFrom is stale, not a gap").isEqualTo(1);
        assertThat(model.stored()).as("each event stored once, in order").containsExactlyElementsOf(
                journal.all().stream().map(OutboxEvent::eventId).toList());
        assertThat(journal.pendingCount()).isZero();
        assertThat(engine.status().state()).isEqualTo(SyncStatus.State.UP_TO_DATE);
    }

    @Test
    void whenTheFirstBatchIsNotAcknowledgedTheAnswerToTheSecondIsNotActedOn() throws Exception {
        credentials.save(CREDENTIAL);
        sales(7);
        LockingHq model = new LockingHq();
        CountDownLatch secondApplied = new CountDownLatch(1);
        List<Long> marks = new CopyOnWriteArrayList<>();
        JournalOutbox watched = new ForwardingOutbox(journal) {
            @Override
            public void markSyncedThrough(long seq) {
                marks.add(seq);
                journal.markSyncedThrough(seq);
            }
        };
        SyncTransport firstAnswerLost = uploadsOnly(batch -> {
            long first = batch.events().get(0).seq();
            if (first == 1 && model.stored().isEmpty()) {
                model.apply(batch);
                awaitOrFail(secondApplied, "the second batch applied while the first's answer is on its way");
                throw new IOException("answer lost after HQ stored the batch");
            }
            UploadResult r = model.apply(batch);
            if (first == 4) {
                secondApplied.countDown();
            }
            return r;
        });
        SyncEngine engine = engine().transport(firstAnswerLost).uploadsInFlight(2).build();
        try (engine) {
            engine.drain(); // the first answer is lost: offline, nothing marked although HQ acknowledged the second
            assertThat(marks).isEmpty();
            assertThat(engine.status().state()).isEqualTo(SyncStatus.State.OFFLINE);
            engine.drain();
        }

        assertThat(model.stored()).as("each event stored once, in order").containsExactlyElementsOf(
                journal.all().stream().map(OutboxEvent::eventId).toList());
        assertThat(journal.pendingCount()).isZero();
    }

    /** What a test's HQ does with an uploaded batch. */
    private interface Upload {
        UploadResult apply(EventBatch batch) throws IOException;
    }

    /** A transport that only uploads (the engine under test never enrols). */
    private static SyncTransport uploadsOnly(Upload upload) {
        return new SyncTransport() {
            @Override
            public UploadResult upload(TerminalCredential credential, EventBatch batch) throws IOException {
                return upload.apply(batch);
            }

            @Override
            public EnrollmentResponse enroll(String code) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Waits (bounded) for {@code latch} inside a transport; a timeout fails the test with {@code what}. */
    private static void awaitOrFail(CountDownLatch latch, String what) throws IOException {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as(what).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
