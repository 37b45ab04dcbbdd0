package io.branchpos.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.store.journal.JournalEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.Session;

/**
 * One write transaction: entity changes through {@link #session()} and the journal events that
 * describe them, committed together or not at all.
 */
public interface WriteContext {
    /**
     * A Hibernate session on this transaction's connection, opened on first use; the first use
     * after a start may wait for Hibernate's bootstrap (decision 0016).
     */
    Session session();

    /**
     * The JDBC connection of this transaction (the same one {@link #session()} works on): for
     * plain SQL that must not wait for Hibernate. Do not commit, roll back or close it.
     */
    java.sql.Connection connection();

    String terminalId();

    /** The business day the terminal is in (not necessarily the calendar day). */
    LocalDate businessDay();

    /** "Now", from the injected clock, truncated to milliseconds as the journal keeps it. */
    Instant now();

    UUID newId();

    /** Appends an event to this terminal's journal, chained to the previous one. */
    JournalEvent journal(String type, int schemaVersion, ObjectNode payload);

    /** Takes the next receipt number of this terminal: gapless, because it commits with the sale. */
    String nextReceiptNumber();

    /**
     * Moves the terminal to a later business day (day close). Events journaled after this call in
     * the same transaction belong to the new day; if the transaction rolls back, so does the day.
     *
     * @throws IllegalArgumentException if {@code next} is not after the current business day
     */
    void advanceBusinessDay(LocalDate next);

    /**
     * Prepares a statement of this write on the transaction's connection. In a
     * {@link LocalStore#writeLogged} write (decision 0014) its executions are recorded for the sale
     * log, so every row such a write changes must go through here.
     */
    default java.sql.PreparedStatement prepare(java.sql.Connection c, String sql) throws java.sql.SQLException {
        return c.prepareStatement(sql);
    }
}
