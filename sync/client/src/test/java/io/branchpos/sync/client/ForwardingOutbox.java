package io.branchpos.sync.client;

import io.branchpos.sync.protocol.QuarantinedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A journal that passes every call to another; tests override the calls they watch or break. */
class ForwardingOutbox implements JournalOutbox {
    final JournalOutbox journal;

    ForwardingOutbox(JournalOutbox journal) {
        this.journal = journal;
    }

    @Override
    public List<OutboxEvent> eventsFrom(long fromSeq, int max) {
        return journal.eventsFrom(fromSeq, max);
    }

    @Override
    public long syncedThroughSeq() {
        return journal.syncedThroughSeq();
    }

    @Override
    public void markSyncedThrough(long seq) {
        journal.markSyncedThrough(seq);
    }

    @Override
    public long pendingCount() {
        return journal.pendingCount();
    }

    @Override
    public Optional<Instant> oldestPendingOccurredAt() {
        return journal.oldestPendingOccurredAt();
    }

    @Override
    public void recordQuarantined(QuarantinedEvent event) {
        journal.recordQuarantined(event);
    }
}
