package io.branchpos.sync.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.EventBatch;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Model-based property: against an in-memory HQ with the server's rules (apply only at hwm+1,
 * duplicates below, resendFrom above) and random faults, the engine never marks an event synced
 * before HQ has it, and drains everything once the faults stop.
 */
class SyncEngineModelTest {

    /** HQ's ingest rules in a few lines, with faults before and after "commit". */
    static final class ModelHq implements SyncTransport {
        final LockingHq hq = new LockingHq();
        final Random faults;
        boolean faulty = true;

        ModelHq(long seed) {
            faults = new Random(seed);
        }

        @Override
        public synchronized UploadResult upload(TerminalCredential credential, EventBatch batch) throws IOException {
            int roll = faulty ? faults.nextInt(100) : 99;
            if (roll < 15) {
                throw new IOException("dropped");
            }
            if (roll < 20) {
                return new UploadResult.RetryLater(Duration.ofSeconds(1), "503");
            }
            UploadResult answer = hq.apply(batch);
            if (roll < 35) {
                throw new IOException("answer lost after commit");
            }
            return answer;
        }

        @Override
        public EnrollmentResponse enroll(String code) {
            throw new UnsupportedOperationException();
        }

        int storedCount() {
            return hq.stored().size();
        }

        List<String> storedIds() {
            return hq.stored();
        }
    }

    /** A journal that checks the engine never marks more than HQ holds. */
    static final class CheckingJournal extends ForwardingOutbox {
        final ModelHq hq;

        CheckingJournal(InMemoryJournalOutbox journal, ModelHq hq) {
            super(journal);
            this.hq = hq;
        }

        @Override
        public void markSyncedThrough(long seq) {
            assertThat(seq).as("marked synced beyond what HQ holds").isLessThanOrEqualTo(hq.storedCount());
            journal.markSyncedThrough(seq);
        }
    }

    @Property(tries = 300)
    void neverMarksUnstoredEventsAndDrainsOnceFaultsStop(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int steps,
                                                          @ForAll @IntRange(min = 1, max = 2) int inFlight) {
        Random rnd = new Random(seed);
        ModelHq hq = new ModelHq(seed);
        InMemoryJournalOutbox journal = new InMemoryJournalOutbox("T-1", new Random(seed));
        CredentialStore credentials = CredentialStore.inMemory();
        credentials.save(new TerminalCredential("T-1", "B-1", "t"));
        CheckingJournal outbox = new CheckingJournal(journal, hq);
        SyncEngine engine = newEngine(outbox, credentials, hq, rnd, inFlight);
        Instant t = Instant.parse("2026-11-22T08:00:00Z");
        for (int i = 0; i < steps; i++) {
            int action = rnd.nextInt(10);
            if (action < 4) {
                // with two in flight, bursts, so that full batches are followed by a second one
                for (int k = inFlight == 1 ? 0 : rnd.nextInt(20); k >= 0; k--) {
                    journal.append("SALE_COMPLETED", "{\"n\":" + i + "}", t.plusSeconds(i));
                }
            } else if (action < 9) {
                engine.drain();
            } else {
                engine.close();
                engine = newEngine(outbox, credentials, hq, rnd, inFlight); // restart
            }
        }
        hq.faulty = false;
        engine.drain();
        engine.close();

        assertThat(journal.pendingCount()).isZero();
        assertThat(hq.storedIds()).containsExactlyElementsOf(journal.all().stream().map(OutboxEvent::eventId).toList());
    }

    /**
     * Decision 0211: the batch the engine reads ahead is sent only when it starts where the engine would
     * read anyway — at HQ's last {@code resendFrom}, else just above the synced mark — whatever HQ answers
     * (one batch in flight; two are {@code neverMarksUnstoredEventsAndDrainsOnceFaultsStop} with inFlight 2).
     */
    @Property(tries = 300)
    void aBatchReadAheadIsSentOnlyWhereTheEngineWouldReadAnyway(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int steps) {
        Random rnd = new Random(seed);
        ModelHq model = new ModelHq(seed);
        InMemoryJournalOutbox journal = new InMemoryJournalOutbox("T-1", new Random(seed));
        CredentialStore credentials = CredentialStore.inMemory();
        credentials.save(new TerminalCredential("T-1", "B-1", "t"));
        CheckingJournal outbox = new CheckingJournal(journal, model);
        Long[] resendFrom = {null};
        SyncTransport hq = new SyncTransport() {
            @Override
            public UploadResult upload(TerminalCredential credential, EventBatch batch) throws IOException {
                long expected = resendFrom[0] != null ? resendFrom[0] : journal.syncedThroughSeq() + 1;
                assertThat(batch.events().get(0).seq()).as("first position of the batch sent").isEqualTo(expected);
                UploadResult r = model.upload(credential, batch);
                if (r instanceof UploadResult.Acknowledged a) {
                    resendFrom[0] = a.ack().resendFrom();
                }
                return r;
            }

            @Override
            public EnrollmentResponse enroll(String code) {
                throw new UnsupportedOperationException();
            }
        };
        SyncEngine engine = newEngine(outbox, credentials, hq, rnd, 1);
        Instant t = Instant.parse("2026-11-22T08:00:00Z");
        for (int i = 0; i < steps; i++) {
            int action = rnd.nextInt(10);
            if (action < 5) {
                for (int k = rnd.nextInt(20); k >= 0; k--) {
                    journal.append("SALE_COMPLETED", "{\"n\":" + i + "}", t.plusSeconds(i));
                }
            } else if (action < 9) {
                engine.drain();
            } else {
                engine.close();
                engine = newEngine(outbox, credentials, hq, rnd, 1); // restart: HQ's last answer is forgotten
                resendFrom[0] = null;
            }
        }
        model.faulty = false;
        engine.drain();
        engine.close();

        assertThat(journal.pendingCount()).isZero();
        assertThat(model.storedIds()).containsExactlyElementsOf(journal.all().stream().map(OutboxEvent::eventId).toList());
    }

    private static SyncEngine newEngine(JournalOutbox outbox, CredentialStore credentials, SyncTransport hq, Random rnd,
                                        int inFlight) {
        int initial = 1 + rnd.nextInt(5);
        return SyncEngine.builder().outbox(outbox).credentials(credentials).transport(hq).random(new Random(rnd.nextLong()))
                .batchSizes(initial, initial + rnd.nextInt(10)).uploadsInFlight(inFlight).build();
    }
}
