package io.branchpos.sync.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.sync.protocol.BatchAck;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.JournalHash;
import io.branchpos.sync.protocol.PayloadValidator;
import io.branchpos.sync.protocol.ProtocolJson;
import io.branchpos.sync.protocol.QuarantinedEvent;
import io.branchpos.sync.protocol.Validation;
import io.branchpos.sync.protocol.WireEvent;
import io.branchpos.sync.server.metrics.Metrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one batch of one terminal in ONE PostgreSQL transaction: events, quarantine, flags,
 * projections and the terminal's high-water mark commit together or not at all.
 *
 * <p>The terminal row is locked {@code FOR UPDATE} first, so batches of one terminal are applied
 * one after the other, even by different server instances; the event table's primary key
 * ({@code event_id}) and {@code UNIQUE(terminal_id, seq)} are the final word on duplicates.
 */
public final class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final int MAX_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final Metrics metrics;

    public IngestService(DataSource dataSource, Metrics metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    /** Ingests a validated batch of an authenticated terminal (whose id equals {@code batch.terminalId()}). */
    public IngestResult ingest(String terminalId, EventBatch batch) throws SQLException {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    IngestResult result = ingestInTransaction(c, terminalId, batch);
                    c.commit();
                    record(result, started);
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            } catch (SQLException e) {
                // deadlock or serialisation failure between terminals sharing a sale or a SKU: retry the whole batch
                boolean retryable = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!retryable || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                log.info("batch of {} hit {} (attempt {}), retrying", terminalId, e.getSQLState(), attempt);
            }
        }
    }

    private void record(IngestResult result, long started) {
        BatchAck ack = result.ack();
        switch (result.outcome()) {
            case ACCEPTED -> metrics.batchAccepted();
            case CONFLICT -> metrics.batchConflict();
            case BLOCKED -> metrics.batchBlocked();
        }
        if (ack != null) {
            metrics.events(ack.applied(), ack.duplicates(), ack.quarantined().size(), ack.resendFrom() != null);
        }
        metrics.ingestLatency(System.nanoTime() - started);
    }

    private IngestResult ingestInTransaction(Connection c, String terminalId, EventBatch batch) throws SQLException {
        long hwm;
        String lastHash;
        String branchId;
        try (PreparedStatement ps = c.prepareStatement(
                "select high_water_seq, last_hash, blocked, blocked_reason, branch_id from terminal where terminal_id = ? for update")) {
            ps.setString(1, terminalId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("authenticated terminal " + terminalId + " has no row");
                }
                if (rs.getBoolean(3)) {
                    return new IngestResult(IngestResult.Outcome.BLOCKED, null, rs.getString(4));
                }
                hwm = rs.getLong(1);
                lastHash = rs.getString(2);
                branchId = rs.getString(5);
            }
        }
        int applied = 0;
        int duplicates = 0;
        List<QuarantinedEvent> quarantined = new ArrayList<>();
        boolean conflict = false;
        String blockedReason = null;
        Long resendFrom = null;
        long lastStored = 0;
        Map<String, BigDecimal> stockDeltas = new HashMap<>();

        for (WireEvent e : batch.events()) {
            String payloadHash = JournalHash.sha256Hex(e.payload());
            if (e.seq() <= hwm) {
                Stored stored = storedAt(c, terminalId, e.seq());
                if (stored != null && stored.eventId.equals(e.eventId())) {
                    if (stored.payloadHash.equals(payloadHash) && stored.hash.equals(e.hash())) {
                        duplicates++;
                        if (stored.quarantineReason != null) {
                            quarantined.add(new QuarantinedEvent(e.eventId(), e.seq(), stored.quarantineReason));
                        }
                    } else {
                        String reason = "event " + e.eventId() + " (seq " + e.seq() + ") was received before with a different payload; "
                                + "the first version stands, this copy is quarantined";
                        quarantine(c, terminalId, e, payloadHash, "CONFLICT", reason, false);
                        Projections.flag(c, terminalId, branchId, "EVENT_CONFLICT", e.eventId(), reason);
                        quarantined.add(new QuarantinedEvent(e.eventId(), e.seq(), reason));
                        conflict = true;
                    }
                    lastStored = e.seq();
                } else if (stored == null && quarantinedPositionMatches(c, terminalId, e, payloadHash)) {
                    duplicates++;
                    quarantined.add(new QuarantinedEvent(e.eventId(), e.seq(), "event id already used by an earlier event"));
                    lastStored = e.seq();
                } else {
                    blockedReason = "sequence went backwards: seq " + e.seq() + " is already stored with a different event "
                            + "(restored backup or cloned disk?). Terminal blocked; HQ must investigate before it syncs again";
                    block(c, terminalId, branchId, "SEQUENCE_REGRESSION", e.eventId(), blockedReason);
                    break;
                }
            } else if (e.seq() == hwm + 1) {
                if (!e.prevHash().equals(lastHash)) {
                    blockedReason = "hash chain broken at seq " + e.seq() + ": prevHash does not match the stored event " + hwm
                            + ". Terminal blocked; HQ must investigate before it syncs again";
                    block(c, terminalId, branchId, "CHAIN_BROKEN", e.eventId(), blockedReason);
                    break;
                }
                String reason = null;
                JsonNode payload = null;
                if (e.payload().indexOf('\0') >= 0) {
                    reason = "payload contains a NUL character, which HQ cannot store; kept with it escaped as \\u0000";
                } else if (!JournalHash.compute(terminalId, e).equals(e.hash())) {
                    reason = "hash does not match the event's content (tampered or corrupted)";
                    Projections.flag(c, terminalId, branchId, "HASH_MISMATCH", e.eventId(), "seq " + e.seq() + ": " + reason);
                } else {
                    Validation v = PayloadValidator.validate(e.type(), e.schemaVersion(), e.payload());
                    if (!v.isValid()) {
                        reason = "invalid " + e.type() + " payload: " + v.message();
                    } else {
                        payload = parse(e.payload());
                    }
                }
                if (insertEvent(c, terminalId, e, payloadHash, reason)) {
                    if (reason == null) {
                        reason = applyProjections(c, branchId, terminalId, e, payload, stockDeltas);
                    }
                    if (reason == null) {
                        applied++;
                    } else {
                        quarantine(c, terminalId, e, payloadHash, "INVALID", reason, false);
                        quarantined.add(new QuarantinedEvent(e.eventId(), e.seq(), reason));
                    }
                } else {
                    // the primary key refused the event id: it belongs to another position already
                    String idReuse = "event id " + e.eventId() + " is already used by another event; seq " + e.seq()
                            + " is quarantined";
                    quarantine(c, terminalId, e, payloadHash, "CONFLICT", idReuse, true);
                    Projections.flag(c, terminalId, branchId, "EVENT_CONFLICT", null, idReuse);
                    quarantined.add(new QuarantinedEvent(e.eventId(), e.seq(), idReuse));
                    conflict = true;
                }
                hwm = e.seq();
                lastHash = e.hash();
                lastStored = e.seq();
            } else {
                resendFrom = hwm + 1;
                break;
            }
        }
        Projections.flushStock(c, branchId, stockDeltas);
        try (PreparedStatement ps = c.prepareStatement(
                "update terminal set high_water_seq = ?, last_hash = ?, last_seen_at = ? where terminal_id = ?")) {
            ps.setLong(1, hwm);
            ps.setString(2, lastHash);
            ps.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
            ps.setString(4, terminalId);
            ps.executeUpdate();
        }
        // acknowledge only positions this batch proved to be stored, never more (a cloned terminal
        // must not mark its own different events as synced because the stream is further ahead)
        long acceptedThrough = lastStored > 0 ? lastStored : Math.min(hwm, batch.events().get(0).seq() - 1);
        BatchAck ack = new BatchAck(acceptedThrough, applied, duplicates, quarantined, resendFrom);
        if (blockedReason != null) {
            log.warn("terminal {} blocked: {}", terminalId, blockedReason);
            return new IngestResult(IngestResult.Outcome.BLOCKED, ack, blockedReason);
        }
        if (conflict) {
            return new IngestResult(IngestResult.Outcome.CONFLICT, ack,
                    "an event id arrived with a different payload; the copy is quarantined, the rest of the batch was accepted");
        }
        return new IngestResult(IngestResult.Outcome.ACCEPTED, ack, null);
    }

    /**
     * Applies the read models behind a savepoint. A data error nobody foresaw (a value PostgreSQL
     * refuses) must not wedge the stream with endless 5xx: the event is quarantined instead.
     * Returns the quarantine reason, or null when applied.
     */
    private static String applyProjections(Connection c, String branchId, String terminalId, WireEvent e, JsonNode payload,
                                           Map<String, BigDecimal> stockDeltas) throws SQLException {
        java.sql.Savepoint savepoint = c.setSavepoint();
        Map<String, BigDecimal> eventDeltas = new HashMap<>();
        try {
            Projections.apply(c, branchId, terminalId, e, payload, eventDeltas);
            c.releaseSavepoint(savepoint);
            eventDeltas.forEach((sku, qty) -> stockDeltas.merge(sku, qty, BigDecimal::add));
            return null;
        } catch (SQLException ex) {
            String state = ex.getSQLState() == null ? "" : ex.getSQLState();
            if (!state.startsWith("22") && !state.startsWith("23")) {
                throw ex; // connection trouble, deadlock, …: the whole batch is retried
            }
            c.rollback(savepoint);
            String reason = "could not be applied at HQ (" + state + "): " + ex.getMessage();
            Projections.update(c, "update event set status = 'QUARANTINED', quarantine_reason = ? where event_id = ?::uuid",
                    reason, e.eventId());
            log.warn("event {} of {} quarantined: {}", e.eventId(), terminalId, reason);
            return reason;
        }
    }

    /** PostgreSQL text cannot hold U+0000; the payload hash is always of the original text. */
    private static String storable(String payload) {
        return payload.indexOf('\0') >= 0 ? payload.replace("\0", "\\u0000") : payload;
    }

    private static JsonNode parse(String payload) {
        try {
            return ProtocolJson.mapper().readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("payload validated but unreadable", ex);
        }
    }

    private record Stored(String eventId, String payloadHash, String hash, String quarantineReason) {
    }

    private static Stored storedAt(Connection c, String terminalId, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select event_id::text, payload_hash, hash, quarantine_reason from event where terminal_id = ? and seq = ?")) {
            ps.setString(1, terminalId);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)) : null;
            }
        }
    }

    private static boolean quarantinedPositionMatches(Connection c, String terminalId, WireEvent e, String payloadHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from quarantine where terminal_id = ? and seq = ? and consumes_seq "
                + "and event_id = ?::uuid and payload_hash = ? and hash = ?")) {
            ps.setString(1, terminalId);
            ps.setLong(2, e.seq());
            ps.setString(3, e.eventId());
            ps.setString(4, payloadHash);
            ps.setString(5, e.hash());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean insertEvent(Connection c, String terminalId, WireEvent e, String payloadHash, String quarantineReason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into event (event_id, terminal_id, seq, prev_hash, hash, type, schema_version, "
                + "business_day, occurred_at, payload, payload_hash, status, quarantine_reason) "
                + "values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, e.eventId());
            ps.setString(2, terminalId);
            ps.setLong(3, e.seq());
            ps.setString(4, e.prevHash());
            ps.setString(5, e.hash());
            ps.setString(6, e.type());
            ps.setInt(7, e.schemaVersion());
            ps.setObject(8, e.businessDay());
            ps.setTimestamp(9, Timestamp.from(e.occurredAt()));
            ps.setString(10, storable(e.payload()));
            ps.setString(11, payloadHash);
            ps.setString(12, quarantineReason == null ? "APPLIED" : "QUARANTINED");
            ps.setString(13, quarantineReason);
            return ps.executeUpdate() == 1;
        }
    }

    private static void quarantine(Connection c, String terminalId, WireEvent e, String payloadHash, String kind, String reason,
                                   boolean consumesSeq) throws SQLException {
        Projections.update(c, "insert into quarantine (terminal_id, event_id, seq, kind, reason, type, payload, payload_hash, hash, consumes_seq) "
                        + "values (?, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                terminalId, e.eventId(), e.seq(), kind, reason, e.type(), storable(e.payload()), payloadHash, e.hash(), consumesSeq);
    }

    private static void block(Connection c, String terminalId, String branchId, String kind, String eventId, String reason) throws SQLException {
        Projections.update(c, "update terminal set blocked = true, blocked_reason = ? where terminal_id = ?", reason, terminalId);
        Projections.flag(c, terminalId, branchId, kind, eventId, reason);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed", e);
        }
    }
}
