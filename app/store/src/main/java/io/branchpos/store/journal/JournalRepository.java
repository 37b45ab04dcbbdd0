package io.branchpos.store.journal;

import io.branchpos.store.LocalStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the journal: the outbox for sync, and the chain check for audits and tests. */
public final class JournalRepository {
    private final LocalStore store;

    public JournalRepository(LocalStore store) {
        this.store = store;
    }

    /** The oldest events HQ has not acknowledged yet, in sequence order. */
    public List<JournalEvent> unsynced(int max) {
        return store.read(s -> s.createSelectionQuery("from JournalEventEntity where key.terminalId = :t"
                + " and syncedAt is null order by key.seq", JournalEventEntity.class)
                .setParameter("t", store.terminalId()).setMaxResults(max).getResultList()
                .stream().map(JournalEventEntity::toEvent).toList());
    }

    /** Events with {@code seq > afterSeq}, in order (used to resend from a point HQ asks for). */
    public List<JournalEvent> after(long afterSeq, int max) {
        return store.read(s -> s.createSelectionQuery("from JournalEventEntity where key.terminalId = :t"
                + " and key.seq > :after order by key.seq", JournalEventEntity.class)
                .setParameter("t", store.terminalId()).setParameter("after", afterSeq)
                .setMaxResults(max).getResultList().stream().map(JournalEventEntity::toEvent).toList());
    }

    /** Marks everything up to {@code seq} as acknowledged by HQ. The only update the journal allows. */
    public int markSyncedThrough(long seq, Instant at) {
        return store.write(ctx -> ctx.session().createMutationQuery("update JournalEventEntity set syncedAt = :at"
                + " where key.terminalId = :t and key.seq <= :seq and syncedAt is null")
                .setParameter("at", at).setParameter("t", store.terminalId()).setParameter("seq", seq)
                .executeUpdate());
    }

    public long pendingCount() {
        return store.read(s -> s.createSelectionQuery("select count(*) from JournalEventEntity"
                + " where key.terminalId = :t and syncedAt is null", Long.class)
                .setParameter("t", store.terminalId()).getSingleResult());
    }

    public Optional<Instant> oldestPendingAt() {
        return store.read(s -> s.createSelectionQuery("select min(occurredAt) from JournalEventEntity"
                + " where key.terminalId = :t and syncedAt is null", Instant.class)
                .setParameter("t", store.terminalId()).getResultList().stream().filter(x -> x != null).findFirst());
    }

    public long lastSeq() {
        return store.read(s -> {
            TerminalStateEntity head = s.find(TerminalStateEntity.class, store.terminalId());
            return head == null ? 0 : head.lastSeq();
        });
    }

    /** Result of walking the whole chain. */
    public record ChainCheck(long events, boolean gapless, boolean hashesVerify, String problem) {
        public boolean ok() {
            return gapless && hashesVerify;
        }
    }

    /** Walks this terminal's journal from seq 1: no gap, each prevHash links, each hash recomputes. */
    public ChainCheck verifyChain() {
        return store.read(s -> {
            long expectedSeq = 1;
            String prev = JournalHash.GENESIS;
            long count = 0;
            try (var stream = s.createSelectionQuery("from JournalEventEntity where key.terminalId = :t"
                    + " order by key.seq", JournalEventEntity.class)
                    .setParameter("t", store.terminalId()).getResultStream()) {
                var it = stream.iterator();
                while (it.hasNext()) {
                    JournalEventEntity row = it.next();
                    JournalEvent e = row.toEvent();
                    s.detach(row);
                    if (e.seq() != expectedSeq) {
                        return new ChainCheck(count, false, true, "expected seq " + expectedSeq + " but found " + e.seq());
                    }
                    if (!e.prevHash().equals(prev) || !JournalHash.of(e).equals(e.hash())) {
                        return new ChainCheck(count, true, false, "hash chain broken at seq " + e.seq());
                    }
                    prev = e.hash();
                    expectedSeq++;
                    count++;
                }
            }
            return new ChainCheck(count, true, true, null);
        });
    }
}
