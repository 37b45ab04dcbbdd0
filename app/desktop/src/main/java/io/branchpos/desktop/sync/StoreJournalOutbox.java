package io.branchpos.desktop.sync;

import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.sync.client.JournalOutbox;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.protocol.QuarantinedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The sync engine's port onto the store's journal: the only place where sync meets the store. */
public final class StoreJournalOutbox implements JournalOutbox {
    private final JournalRepository journal;
    private final Clock clock;

    public StoreJournalOutbox(JournalRepository journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public List<OutboxEvent> eventsFrom(long fromSeq, int max) {
        return journal.after(fromSeq - 1, max).stream().map(StoreJournalOutbox::toOutbox).toList();
    }

    static OutboxEvent toOutbox(JournalEvent e) {
        return new OutboxEvent(e.eventId().toString(), e.terminalId(), e.seq(), e.prevHash(), e.hash(), e.type(),
                e.schemaVersion(), e.businessDay(), e.occurredAt(), e.payload());
    }

    @Override
    public long syncedThroughSeq() {
        return journal.syncedThroughSeq();
    }

    @Override
    public void markSyncedThrough(long seq) {
        journal.markSyncedThrough(seq, clock.instant()); // durable (fsynced) before it returns
    }

    @Override
    public long pendingCount() {
        return journal.pendingCount();
    }

    @Override
    public Optional<Instant> oldestPendingOccurredAt() {
        return journal.oldestPendingAt();
    }

    @Override
    public void recordQuarantined(QuarantinedEvent event) {
        journal.recordQuarantined(UUID.fromString(event.eventId()), event.seq(), event.reason(), clock.instant());
    }
}
