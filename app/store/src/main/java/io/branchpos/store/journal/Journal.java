package io.branchpos.store.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Appends events to the journal inside the caller's transaction. */
public final class Journal {
    private Journal() {
    }

    /**
     * How the write prepares its statements: plainly, or recorded for the sale log (decision 0014),
     * which must see every row a logged write changes.
     */
    @FunctionalInterface
    public interface Statements {
        PreparedStatement prepare(Connection c, String sql) throws SQLException;

        /** Prepares statements directly on the connection. */
        Statements PLAIN = Connection::prepareStatement;
    }

    /**
     * Locks this terminal's head row ({@code SELECT ... FOR UPDATE}) for the rest of the caller's
     * transaction and returns it as a plain object that Hibernate does not manage (decision 0013):
     * every change made through {@link #append}, {@link #takeReceiptNumber} and
     * {@link #advanceBusinessDay} is written to the row at once with an {@code UPDATE} in the same
     * transaction, so SQL run later in it sees the current head and a rollback undoes the head with
     * everything else. Creates the row (business day {@code today}) on a new store.
     */
    public static TerminalStateEntity lockHead(Connection c, String terminalId, LocalDate today) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(LOCK_HEAD)) {
            return lockHead(c, select, terminalId, today);
        }
    }

    /**
     * The SQL of {@link #lockHead(Connection, PreparedStatement, String, LocalDate)}'s statement. H2
     * parses a {@code FOR UPDATE} query again at every prepare (its session cache skips them), so the
     * store keeps one prepared on its write connection (decision 0024).
     */
    public static final String LOCK_HEAD = "SELECT last_seq, last_hash, business_day, next_receipt_no"
            + " FROM terminal_state WHERE terminal_id = ? FOR UPDATE";

    /**
     * {@link #lockHead(Connection, String, LocalDate)} with {@code select}, {@link #LOCK_HEAD} prepared
     * on {@code c}, which stays open for the next write.
     */
    public static TerminalStateEntity lockHead(Connection c, PreparedStatement select, String terminalId,
            LocalDate today) throws SQLException {
        select.setString(1, terminalId);
        try (ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                TerminalStateEntity head = new TerminalStateEntity(terminalId, rs.getObject(3, LocalDate.class));
                head.lastSeq = rs.getLong(1);
                head.lastHash = rs.getString(2);
                head.nextReceiptNo = rs.getLong(4);
                return head;
            }
        }
        TerminalStateEntity head = new TerminalStateEntity(terminalId, today);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO terminal_state(terminal_id, last_seq, last_hash,"
                + " business_day, next_receipt_no) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, terminalId);
            ps.setLong(2, head.lastSeq);
            ps.setString(3, head.lastHash);
            ps.setObject(4, head.businessDay);
            ps.setLong(5, head.nextReceiptNo);
            ps.executeUpdate();
        }
        return head;
    }

    /** Takes and advances the receipt counter of the locked {@code head}, row included. */
    public static long takeReceiptNumber(Connection c, Statements statements, TerminalStateEntity head) {
        long n = head.takeReceiptNumber();
        saveHead(c, statements, head);
        return n;
    }

    /** Moves the locked {@code head} to {@code day}, row included. */
    public static void advanceBusinessDay(Connection c, Statements statements, TerminalStateEntity head,
            LocalDate day) {
        head.setBusinessDay(day);
        saveHead(c, statements, head);
    }

    private static void saveHead(Connection c, Statements statements, TerminalStateEntity head) {
        try (PreparedStatement ps = statements.prepare(c, "UPDATE terminal_state SET last_seq = ?, last_hash = ?,"
                + " business_day = ?, next_receipt_no = ? WHERE terminal_id = ?")) {
            ps.setLong(1, head.lastSeq);
            ps.setString(2, head.lastHash);
            ps.setObject(3, head.businessDay);
            ps.setLong(4, head.nextReceiptNo);
            ps.setString(5, head.terminalId);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("terminal_state row of " + head.terminalId + " is missing");
            }
        } catch (SQLException e) {
            throw new io.branchpos.store.StoreException("cannot write the journal head: " + e.getMessage(), e);
        }
    }

    /**
     * Appends one event chained to the terminal's head. The caller holds the terminal state row
     * (locked by {@link #lockHead}) for the whole transaction, so sequence numbers are gapless:
     * a rolled-back transaction rolls back the head too.
     *
     * <p>The row is inserted with plain JDBC on the transaction's connection at once, not persisted
     * as an entity: every write of the terminal goes through here, and the journal row is
     * immutable, so Hibernate would only add its flush work (decision 0011). The payload is bound
     * as a string: H2 keeps a CLOB of up to {@code MAX_LENGTH_INPLACE_LOB} characters inside the
     * row instead of in its separate LOB maps.
     */
    public static JournalEvent append(Connection c, Statements statements, TerminalStateEntity head, UUID eventId,
            String type, int schemaVersion, Instant at, String payload) {
        JournalEvent event = head.append(eventId, type, schemaVersion, at, payload);
        try (PreparedStatement ps = statements.prepare(c, "INSERT INTO journal_event(terminal_id, seq, event_id,"
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
        } catch (SQLException e) {
            throw new io.branchpos.store.StoreException("cannot append to the journal: " + e.getMessage(), e);
        }
        saveHead(c, statements, head);
        return event;
    }
}
