package io.branchpos.store.journal;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hibernate.Session;

/** Appends events to the journal inside the caller's transaction. */
public final class Journal {
    private Journal() {
    }

    /**
     * Appends one event chained to the terminal's head. The caller holds the terminal state row
     * (loaded with a pessimistic lock) for the whole transaction, so sequence numbers are gapless:
     * a rolled-back transaction rolls back the head too.
     *
     * <p>The row is inserted with plain JDBC on the session's connection at once, not persisted as
     * an entity: every write of the terminal goes through here, and the journal row is immutable,
     * so Hibernate would only add its flush work (decision 0011). The payload is bound as a string:
     * H2 keeps a CLOB of up to {@code MAX_LENGTH_INPLACE_LOB} characters inside the row instead of
     * in its separate LOB maps.
     */
    public static JournalEvent append(Session session, TerminalStateEntity head, UUID eventId, String type,
            int schemaVersion, Instant at, String payload) {
        JournalEvent event = head.append(eventId, type, schemaVersion, at, payload);
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO journal_event(terminal_id, seq, event_id,"
                    + " prev_hash, hash, type, schema_version, business_day, occurred_at, payload)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, event.terminalId());
                ps.setLong(2, event.seq());
                ps.setObject(3, event.eventId());
                ps.setString(4, event.prevHash());
                ps.setString(5, event.hash());
                ps.setString(6, event.type());
                ps.setInt(7, event.schemaVersion());
                ps.setObject(8, event.businessDay());
                ps.setObject(9, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
                ps.setString(10, event.payload());
                ps.executeUpdate();
            }
        });
        return event;
    }
}
