package io.branchpos.store.journal;

import java.time.Instant;
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
     */
    public static JournalEvent append(Session session, TerminalStateEntity head, UUID eventId, String type,
            int schemaVersion, Instant at, String payload) {
        JournalEvent event = head.append(eventId, type, schemaVersion, at, payload);
        session.persist(new JournalEventEntity(event));
        return event;
    }
}
