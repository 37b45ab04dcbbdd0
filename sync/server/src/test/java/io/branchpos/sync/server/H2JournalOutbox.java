package io.branchpos.sync.server;

import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.JournalOutbox;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.protocol.JournalHash;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A durable journal in an H2 file with the store's journal columns, for tests that kill processes.
 * {@code WRITE_DELAY=0} (MACHINE-NOTES: survives kill -9). Each call is its own transaction.
 */
public final class H2JournalOutbox implements JournalOutbox, AutoCloseable {

    private final Connection c;
    private final String terminalId;
    private final Random random = new Random();

    public H2JournalOutbox(Path file, String terminalId) throws SQLException {
        this.c = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0", "sa", "");
        this.terminalId = terminalId;
        try (Statement st = c.createStatement()) {
            st.execute("create table if not exists journal (event_id varchar(36) primary key, terminal_id varchar(64) not null, "
                    + "seq bigint not null unique, prev_hash char(64) not null, hash char(64) not null, type varchar(64) not null, "
                    + "schema_version int not null, business_day date not null, occurred_at timestamp with time zone not null, "
                    + "payload clob not null, synced_at timestamp with time zone)");
        }
    }

    /** Appends one event with the next seq and the chained hash, in one transaction (what the store does at "Paid"). */
    public synchronized OutboxEvent append(String type, String payload, Instant occurredAt) throws SQLException {
        c.setAutoCommit(false);
        try {
            long seq = 1;
            String prev = JournalHash.GENESIS;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select seq, hash from journal order by seq desc limit 1")) {
                if (rs.next()) {
                    seq = rs.getLong(1) + 1;
                    prev = rs.getString(2);
                }
            }
            Instant at = Instant.ofEpochMilli(occurredAt.toEpochMilli());
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            String id = InMemoryJournalOutbox.uuidV7(at.toEpochMilli(), random).toString();
            String hash = JournalHash.compute(prev, id, terminalId, seq, type, 1, day, at.toEpochMilli(), payload);
            try (PreparedStatement ps = c.prepareStatement("insert into journal (event_id, terminal_id, seq, prev_hash, hash, type, "
                    + "schema_version, business_day, occurred_at, payload) values (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, terminalId);
                ps.setLong(3, seq);
                ps.setString(4, prev);
                ps.setString(5, hash);
                ps.setString(6, type);
                ps.setObject(7, day);
                ps.setObject(8, at.atOffset(ZoneOffset.UTC));
                ps.setString(9, payload);
                ps.executeUpdate();
            }
            c.commit();
            return new OutboxEvent(id, terminalId, seq, prev, hash, type, 1, day, at, payload);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    @Override
    public synchronized List<OutboxEvent> eventsFrom(long fromSeq, int max) {
        try (PreparedStatement ps = c.prepareStatement("select event_id, terminal_id, seq, prev_hash, hash, type, schema_version, "
                + "business_day, occurred_at, payload from journal where seq >= ? order by seq limit ?")) {
            ps.setLong(1, fromSeq);
            ps.setInt(2, max);
            List<OutboxEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), rs.getObject(8, LocalDate.class),
                            rs.getObject(9, java.time.OffsetDateTime.class).toInstant(), rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized long syncedThroughSeq() {
        return longQuery("select coalesce(max(seq), 0) from journal where synced_at is not null");
    }

    @Override
    public synchronized void markSyncedThrough(long seq) {
        try (PreparedStatement ps = c.prepareStatement("update journal set synced_at = ? where seq <= ? and synced_at is null")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, seq);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized long pendingCount() {
        return longQuery("select count(*) from journal where synced_at is null");
    }

    @Override
    public synchronized Optional<Instant> oldestPendingOccurredAt() {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select min(occurred_at) from journal where synced_at is null")) {
            rs.next();
            java.time.OffsetDateTime t = rs.getObject(1, java.time.OffsetDateTime.class);
            return Optional.ofNullable(t).map(java.time.OffsetDateTime::toInstant);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized long count() {
        return longQuery("select count(*) from journal");
    }

    /** Every event id of the journal, in seq order. */
    public synchronized List<String> eventIds() {
        List<String> ids = new ArrayList<>();
        for (OutboxEvent e : eventsFrom(1, Integer.MAX_VALUE)) {
            ids.add(e.eventId());
        }
        return ids;
    }

    private long longQuery(String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        c.close();
    }
}
