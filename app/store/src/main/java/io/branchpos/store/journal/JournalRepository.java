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

    /**
     * Events with {@code seq > afterSeq}, in order (the sync outbox; also to resend from a point HQ
     * asks for). Plain JDBC, ordered like the primary key ({@code terminal_id, seq}) so H2 reads just
     * {@code max} rows in index order and stops; ordered by {@code seq} alone it materialised every
     * later row first. The payload is read as VARCHAR: selected as a CLOB, H2 copies each payload into
     * a temporary LOB of the result ({@code LocalResult.cloneLobs}). Together these were the whole cost
     * of a catch-up. A payload too long for VARCHAR (none a till writes) falls back to the CLOB read.
     */
    public List<JournalEvent> after(long afterSeq, int max) {
        return store.jdbc(c -> {
            try {
                return after(c, afterSeq, max, "CAST(payload AS VARCHAR)");
            } catch (java.sql.SQLException e) {
                if (!"22001".equals(e.getSQLState())) {
                    throw e;
                }
                return after(c, afterSeq, max, "payload");
            }
        });
    }

    private List<JournalEvent> after(java.sql.Connection c, long afterSeq, int max, String payloadColumn) throws java.sql.SQLException {
        List<JournalEvent> out = new java.util.ArrayList<>(Math.min(max, 1024));
        try (var ps = c.prepareStatement("SELECT event_id, seq, prev_hash, hash, type, schema_version, business_day,"
                + " occurred_at, " + payloadColumn + ", synced_at FROM journal_event WHERE terminal_id = ? AND seq > ?"
                + " ORDER BY terminal_id, seq LIMIT ?")) {
            ps.setString(1, store.terminalId());
            ps.setLong(2, afterSeq);
            ps.setInt(3, max);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var synced = rs.getObject(10, java.time.OffsetDateTime.class);
                    out.add(new JournalEvent(rs.getObject(1, java.util.UUID.class), store.terminalId(), rs.getLong(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                            rs.getObject(7, java.time.LocalDate.class),
                            rs.getObject(8, java.time.OffsetDateTime.class).toInstant(), rs.getString(9),
                            synced == null ? null : synced.toInstant()));
                }
            }
        }
        return out;
    }

    /** Marks everything up to {@code seq} as acknowledged by HQ. The only update the journal allows. */
    public int markSyncedThrough(long seq, Instant at) {
        return store.write(ctx -> ctx.session().createMutationQuery("update JournalEventEntity set syncedAt = :at"
                + " where key.terminalId = :t and key.seq <= :seq and syncedAt is null")
                .setParameter("at", at).setParameter("t", store.terminalId()).setParameter("seq", seq)
                .executeUpdate());
    }

    /**
     * Highest seq up to which every event is acknowledged by HQ (0 if none). Both look-ups are
     * "first row of an index, in index order": {@code min(seq) where synced_at is null} made H2 walk
     * every unsynced row (~0.1 s at 100k), several times per uploaded batch.
     */
    public long syncedThroughSeq() {
        return store.jdbc(c -> {
            try (var ps = c.prepareStatement("SELECT seq FROM journal_event WHERE terminal_id = ? AND synced_at IS NULL"
                    + " ORDER BY terminal_id, synced_at, seq LIMIT 1")) {
                ps.setString(1, store.terminalId());
                try (var rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1) - 1;
                    }
                }
            }
            try (var ps = c.prepareStatement("SELECT seq FROM journal_event WHERE terminal_id = ?"
                    + " ORDER BY terminal_id DESC, seq DESC LIMIT 1")) {
                ps.setString(1, store.terminalId());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** An event HQ quarantined, as the manager's screen lists it. */
    public record Quarantined(java.util.UUID eventId, long seq, String type, String reason, Instant recordedAt) {
    }

    /** Remembers that HQ quarantined an event (idempotent per event id). */
    public void recordQuarantined(java.util.UUID eventId, long seq, String reason, Instant at) {
        store.jdbc(c -> {
            try (var ps = c.prepareStatement("MERGE INTO sync_quarantine(event_id, seq, reason, recorded_at)"
                    + " KEY(event_id) VALUES (?, ?, ?, ?)")) {
                ps.setObject(1, eventId);
                ps.setLong(2, seq);
                ps.setString(3, reason.length() > 2000 ? reason.substring(0, 2000) : reason);
                ps.setObject(4, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<Quarantined> quarantined() {
        return store.jdbc(c -> {
            List<Quarantined> out = new java.util.ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT q.event_id, q.seq, e.type, q.reason,"
                    + " q.recorded_at FROM sync_quarantine q LEFT JOIN journal_event e ON e.event_id = q.event_id"
                    + " ORDER BY q.seq")) {
                while (rs.next()) {
                    out.add(new Quarantined(rs.getObject(1, java.util.UUID.class), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getObject(5, java.time.OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        });
    }

    /**
     * Events not acknowledged by HQ. Acknowledgement is always a prefix of the journal, so this is
     * {@code lastSeq - syncedThroughSeq}: two index look-ups instead of counting 100,000 rows.
     */
    public long pendingCount() {
        return lastSeq() - syncedThroughSeq();
    }

    /** When the oldest unacknowledged event happened: the first unsynced seq, read in index order. */
    public Optional<Instant> oldestPendingAt() {
        return store.jdbc(c -> {
            try (var ps = c.prepareStatement("SELECT occurred_at FROM journal_event WHERE terminal_id = ? AND synced_at IS NULL"
                    + " ORDER BY terminal_id, synced_at, seq LIMIT 1")) {
                ps.setString(1, store.terminalId());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, java.time.OffsetDateTime.class).toInstant()) : Optional.<Instant>empty();
                }
            }
        });
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
