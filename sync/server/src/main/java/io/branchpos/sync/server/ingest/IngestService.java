package io.branchpos.sync.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.sync.protocol.BatchAck;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.EventTypes;
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
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

    /** Batches applied at once per server instance; the rest wait in line (see {@link #ADMISSION_WAIT_SECONDS}). */
    public static final int DEFAULT_CONCURRENT_BATCHES = 6;
    /**
     * How long a batch waits for its turn before HQ answers 503 busy. Longer than the pool's 5-s
     * connection timeout (which stays short so a database outage is a quick 503), shorter than the
     * client's 30-s read timeout.
     */
    static final long ADMISSION_WAIT_SECONDS = 15;

    private final Semaphore admission;

    /**
     * New events, and runs of sales, of at least this many are written with {@code COPY} first
     * (decision 0209); smaller ones with the statements only. Measured on target 8's 10-event batches,
     * the savepoint and the four copies cost more than they save; on a catch-up's batches of up to
     * 1,000 they save ≈ 20 µs of PostgreSQL per event. The tests that compare the copies with the
     * statements set it to 1 and to {@link Integer#MAX_VALUE}.
     */
    static volatile int copyFrom = 100;

    public IngestService(DataSource dataSource, Metrics metrics) {
        this(dataSource, metrics, DEFAULT_CONCURRENT_BATCHES);
    }

    /**
     * @param concurrentBatches batches applied at once; keep it below the pool size so that
     *     authentication, the feed and the operator console still get connections under load
     */
    public IngestService(DataSource dataSource, Metrics metrics, int concurrentBatches) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.admission = new Semaphore(concurrentBatches, true);
    }

    /** Ingests a validated batch of an authenticated terminal (whose id equals {@code batch.terminalId()}). */
    public IngestResult ingest(String terminalId, EventBatch batch) throws SQLException {
        long started = System.nanoTime();
        // the content checks need no database: done before the batch waits for its turn and for the
        // terminal's lock, so a batch sent behind another is checked while that one is applied (decision 0212)
        List<Checked> checks = checkAll(terminalId, batch);
        // a fair line in front of the pool: under a burst of terminals batches wait their turn in
        // arrival order instead of timing out on the pool (503) or overtaking each other
        try {
            if (!admission.tryAcquire(ADMISSION_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLTransientConnectionException("HQ is busy: the batch waited " + ADMISSION_WAIT_SECONDS + " s for its turn");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a turn", e);
        }
        try {
            return ingestAdmitted(terminalId, batch, checks, started);
        } finally {
            admission.release();
        }
    }

    private IngestResult ingestAdmitted(String terminalId, EventBatch batch, List<Checked> checks, long started) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    IngestResult result = ingestInTransaction(c, terminalId, batch, checks);
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

    /** A quarantined event that cannot be replayed, or that still fails; nothing was changed. */
    public static final class ReplayRefusedException extends RuntimeException {
        public ReplayRefusedException(String message) {
            super(message);
        }
    }

    /**
     * Re-runs a quarantined event through the same checks and projections as ingest (after the cause
     * was fixed, e.g. HQ now knows a newer payload schema, or a value PostgreSQL refused is now
     * accepted) and, if it passes, applies it, marks the event APPLIED and the quarantine entry
     * REPLAYED, all in one transaction. Idempotent: the quarantine row is locked, and a replayed or
     * resolved entry is answered with "already …" and changes nothing. Conflicting copies are never
     * applied (the first version of an event stands).
     *
     * @return what happened, for the audit log
     * @throws ReplayRefusedException when the entry is a conflicting copy or the event still fails
     * @throws IllegalArgumentException when there is no such quarantine entry
     */
    public String replayQuarantined(long quarantineId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String outcome = replayInTransaction(c, quarantineId);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private String replayInTransaction(Connection c, long quarantineId) throws SQLException {
        String terminalId;
        String branchId;
        WireEvent e;
        try (PreparedStatement ps = c.prepareStatement("select q.terminal_id, q.kind, q.resolved_at is not null, q.resolution, "
                + "e.event_id::text, e.seq, e.prev_hash, e.hash, e.type, e.schema_version, e.occurred_at, e.business_day, e.payload, "
                + "e.status, t.branch_id from quarantine q "
                + "left join event e on e.event_id = q.event_id and e.terminal_id = q.terminal_id and e.seq = q.seq "
                + "and e.payload_hash = q.payload_hash left join terminal t on t.terminal_id = q.terminal_id "
                + "where q.quarantine_id = ? for update of q")) {
            ps.setLong(1, quarantineId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no quarantined event #" + quarantineId);
                }
                if (rs.getBoolean(3)) {
                    return "already " + (rs.getString(4) == null ? "resolved" : rs.getString(4).toLowerCase(java.util.Locale.ROOT));
                }
                if (!"INVALID".equals(rs.getString(2)) || rs.getString(5) == null || !"QUARANTINED".equals(rs.getString(14))) {
                    throw new ReplayRefusedException("quarantined event #" + quarantineId + " is a conflicting copy of an event HQ "
                            + "already holds; the first version stands and this copy is never applied (resolve it instead)");
                }
                terminalId = rs.getString(1);
                branchId = rs.getString(15);
                e = new WireEvent(rs.getString(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10),
                        rs.getTimestamp(11).toInstant(), rs.getObject(12, java.time.LocalDate.class), rs.getString(13));
            }
        }
        Checked checked = check(terminalId, e);
        if (checked.reason() != null) {
            throw new ReplayRefusedException("event " + e.eventId() + " (seq " + e.seq() + ") still fails, nothing changed: "
                    + checked.reason());
        }
        Map<String, BigDecimal> stockDeltas = new HashMap<>();
        Map<String, String> refused = applyProjections(c, branchId, terminalId, List.of(checked.applicable(e)),
                stockDeltas);
        if (!refused.isEmpty()) {
            throw new ReplayRefusedException("event " + e.eventId() + " (seq " + e.seq() + ") still fails, nothing changed: "
                    + refused.get(e.eventId()));
        }
        Projections.flushStock(c, branchId, stockDeltas);
        Projections.update(c, "update event set status = 'APPLIED', quarantine_reason = null where event_id = ?::uuid", e.eventId());
        Projections.update(c, "update quarantine set resolved_at = now(), resolution = 'REPLAYED' where quarantine_id = ?", quarantineId);
        metrics.events(1, 0, 0, false);
        log.info("quarantined event {} of {} (seq {}) replayed and applied", e.eventId(), terminalId, e.seq());
        return "replayed: " + e.type() + " seq " + e.seq() + " of " + terminalId + " applied";
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

    /** {@link #check} of each event of the batch, in batch order (also of positions HQ may hold already: only a re-send pays for those). */
    static List<Checked> checkAll(String terminalId, EventBatch batch) {
        List<Checked> checks = new ArrayList<>(batch.events().size());
        for (WireEvent e : batch.events()) {
            checks.add(check(terminalId, e));
        }
        return checks;
    }

    private IngestResult ingestInTransaction(Connection c, String terminalId, EventBatch batch, List<Checked> checks) throws SQLException {
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
        // keyed by seq so the acknowledgement lists them in journal order whatever path found them
        Map<Long, QuarantinedEvent> quarantined = new TreeMap<>();
        boolean conflict = false;
        String blockedReason = null;
        Long resendFrom = null;
        long lastStored = 0;
        Map<String, BigDecimal> stockDeltas = new HashMap<>();
        // positions this batch may already have sent: one range read instead of one look-up per event
        Map<Long, Stored> storedRange = batch.events().get(0).seq() <= hwm
                ? storedBetween(c, terminalId, batch.events().get(0).seq(), hwm) : Map.of();
        // new positions are decided in memory here and written together below
        List<Fresh> fresh = new ArrayList<>();

        for (int i = 0; i < batch.events().size(); i++) {
            WireEvent e = batch.events().get(i);
            if (e.seq() <= hwm) {
                String payloadHash = checks.get(i).payloadHash();
                Stored stored = storedRange.get(e.seq());
                if (stored != null && stored.eventId.equals(e.eventId())) {
                    if (stored.payloadHash.equals(payloadHash) && stored.hash.equals(e.hash())) {
                        duplicates++;
                        if (stored.quarantineReason != null) {
                            quarantined.put(e.seq(), new QuarantinedEvent(e.eventId(), e.seq(), stored.quarantineReason));
                        }
                    } else {
                        String reason = "event " + e.eventId() + " (seq " + e.seq() + ") was received before with a different payload; "
                                + "the first version stands, this copy is quarantined";
                        quarantine(c, terminalId, e, payloadHash, "CONFLICT", reason, false);
                        Projections.flag(c, terminalId, branchId, "EVENT_CONFLICT", e.eventId(), reason);
                        quarantined.put(e.seq(), new QuarantinedEvent(e.eventId(), e.seq(), reason));
                        conflict = true;
                    }
                    lastStored = e.seq();
                } else if (stored == null && quarantinedPositionMatches(c, terminalId, e, payloadHash)) {
                    duplicates++;
                    quarantined.put(e.seq(), new QuarantinedEvent(e.eventId(), e.seq(), "event id already used by an earlier event"));
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
                Checked checked = checks.get(i);
                if (checked.hashMismatch()) {
                    Projections.flag(c, terminalId, branchId, "HASH_MISMATCH", e.eventId(), "seq " + e.seq() + ": " + checked.reason());
                }
                fresh.add(new Fresh(e, checked.payloadHash(), checked.reason(), checked));
                hwm = e.seq();
                lastHash = e.hash();
                lastStored = e.seq();
            } else {
                resendFrom = hwm + 1;
                break;
            }
        }

        Set<String> inserted = insertEvents(c, terminalId, fresh);
        List<Projections.Applicable> toApply = new ArrayList<>();
        for (Fresh f : fresh) {
            WireEvent e = f.event();
            if (!inserted.contains(e.eventId())) {
                // the primary key refused the event id: it belongs to another position already
                String idReuse = "event id " + e.eventId() + " is already used by another event; seq " + e.seq()
                        + " is quarantined";
                quarantine(c, terminalId, e, f.payloadHash(), "CONFLICT", idReuse, true);
                Projections.flag(c, terminalId, branchId, "EVENT_CONFLICT", null, idReuse);
                quarantined.put(e.seq(), new QuarantinedEvent(e.eventId(), e.seq(), idReuse));
                conflict = true;
            } else if (f.reason() != null) {
                quarantine(c, terminalId, e, f.payloadHash(), "INVALID", f.reason(), false);
                quarantined.put(e.seq(), new QuarantinedEvent(e.eventId(), e.seq(), f.reason()));
            } else {
                toApply.add(f.checked().applicable(e));
            }
        }
        Map<String, String> refused = applyProjections(c, branchId, terminalId, toApply, stockDeltas);
        for (Projections.Applicable a : toApply) {
            String reason = refused.get(a.event().eventId());
            if (reason == null) {
                applied++;
            } else {
                WireEvent e = a.event();
                quarantine(c, terminalId, e, JournalHash.sha256Hex(e.payload()), "INVALID", reason, false);
                quarantined.put(e.seq(), new QuarantinedEvent(e.eventId(), e.seq(), reason));
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
        BatchAck ack = new BatchAck(acceptedThrough, applied, duplicates, new ArrayList<>(quarantined.values()), resendFrom);
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
     * Applies the read models of the batch's valid new events, in seq order. Runs of sales go through
     * {@link Projections#applyRun} set-based (a handful of statements per run instead of ~12 per event)
     * behind one savepoint; if PostgreSQL refuses a value in a run, the run is rolled back to its
     * savepoint and applied event by event, so only the event it cannot store is quarantined. A data
     * error nobody foresaw must not wedge the stream with endless 5xx. Returns event id → quarantine
     * reason for the events that could not be applied.
     */
    static Map<String, String> applyProjections(Connection c, String branchId, String terminalId, List<Projections.Applicable> events,
                                                Map<String, BigDecimal> stockDeltas) throws SQLException {
        Map<String, String> refused = new HashMap<>();
        int i = 0;
        while (i < events.size()) {
            int end = i + 1;
            while (end < events.size() && Projections.runsTogether(events.get(i), events.get(end))) {
                end++;
            }
            List<Projections.Applicable> run = events.subList(i, end);
            if (run.size() == 1 || applyBehindSavepoint(c, branchId, terminalId, run, stockDeltas) != null) {
                for (Projections.Applicable one : run) {
                    String reason = applyBehindSavepoint(c, branchId, terminalId, List.of(one), stockDeltas);
                    if (reason != null) {
                        refused.put(one.event().eventId(), reason);
                        Projections.update(c, "update event set status = 'QUARANTINED', quarantine_reason = ? where event_id = ?::uuid",
                                reason, one.event().eventId());
                        log.warn("event {} of {} quarantined: {}", one.event().eventId(), terminalId, reason);
                    }
                }
            }
            i = end;
        }
        return refused;
    }

    /** Applies a run behind a savepoint; returns null when applied, else why PostgreSQL refused it (nothing of it kept). */
    private static String applyBehindSavepoint(Connection c, String branchId, String terminalId, List<Projections.Applicable> run,
                                               Map<String, BigDecimal> stockDeltas) throws SQLException {
        java.sql.Savepoint savepoint = c.setSavepoint();
        Map<String, BigDecimal> runDeltas = new HashMap<>();
        try {
            Projections.applyRun(c, branchId, terminalId, run, runDeltas);
            c.releaseSavepoint(savepoint);
            runDeltas.forEach((sku, qty) -> stockDeltas.merge(sku, qty, BigDecimal::add));
            return null;
        } catch (SQLException ex) {
            String state = ex.getSQLState() == null ? "" : ex.getSQLState();
            if (!state.startsWith("22") && !state.startsWith("23")) {
                throw ex; // connection trouble, deadlock, …: the whole batch is retried
            }
            c.rollback(savepoint);
            return "could not be applied at HQ (" + state + "): " + ex.getMessage();
        }
    }

    /**
     * What HQ makes of a new event's content before storing it: null reason = valid, with its parsed
     * payload; always the payload hash (SHA-256 of the payload's UTF-8 text).
     */
    record Checked(String reason, JsonNode payload, SaleView sale, boolean hashMismatch, String payloadHash) {
        Checked(String reason, boolean hashMismatch, String payloadHash) {
            this(reason, null, null, hashMismatch, payloadHash);
        }

        Projections.Applicable applicable(WireEvent e) {
            return sale != null ? new Projections.Applicable(e, null, sale) : new Projections.Applicable(e, payload);
        }
    }

    /**
     * Checks content hash, storability and payload validity (no database access). The payload is
     * encoded to UTF-8 once: those bytes give the payload hash, the chain hash (envelope, then the
     * bytes) and the one tree the validator and the projections read (decision 0208).
     */
    static Checked check(String terminalId, WireEvent e) {
        byte[] bytes = e.payload().getBytes(StandardCharsets.UTF_8);
        String payloadHash = JournalHash.sha256Hex(bytes);
        if (e.payload().indexOf('\0') >= 0) {
            return new Checked("payload contains a NUL character, which HQ cannot store; kept with it escaped as \\u0000", false,
                    payloadHash);
        }
        if (!JournalHash.compute(terminalId, e, bytes).equals(e.hash())) {
            return new Checked("hash does not match the event's content (tampered or corrupted)", true, payloadHash);
        }
        if (EventTypes.SALE_COMPLETED.equals(e.type()) && e.schemaVersion() <= EventTypes.SCHEMA_VERSIONS.get(EventTypes.SALE_COMPLETED)) {
            // the volume type: checked and read in one streaming pass; anything unusual takes the tree path below
            SaleView sale = SaleView.parseValid(bytes);
            if (sale != null) {
                return new Checked(null, null, sale, false, payloadHash);
            }
        }
        JsonNode payload;
        try {
            payload = ProtocolJson.mapper().readTree(bytes);
        } catch (java.io.IOException ex) {
            payload = null; // the validator below says why, in its words
        }
        Validation v = payload == null ? PayloadValidator.validate(e.type(), e.schemaVersion(), e.payload())
                : PayloadValidator.validate(e.type(), e.schemaVersion(), payload);
        if (!v.isValid()) {
            return new Checked("invalid " + e.type() + " payload: " + v.message(), false, payloadHash);
        }
        return new Checked(null, payload, null, false, payloadHash);
    }

    private record Fresh(WireEvent event, String payloadHash, String reason, Checked checked) {
    }

    /** PostgreSQL text cannot hold U+0000; the payload hash is always of the original text. */
    private static String storable(String payload) {
        return payload.indexOf('\0') >= 0 ? payload.replace("\0", "\\u0000") : payload;
    }

    private record Stored(String eventId, String payloadHash, String hash, String quarantineReason) {
    }

    private static Map<Long, Stored> storedBetween(Connection c, String terminalId, long from, long to) throws SQLException {
        Map<Long, Stored> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select seq, event_id::text, payload_hash, hash, quarantine_reason from event "
                + "where terminal_id = ? and seq between ? and ?")) {
            ps.setString(1, terminalId);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Stored(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return out;
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

    /**
     * Writes the batch's new positions in one statement ({@code unnest} of column arrays,
     * {@code ON CONFLICT DO NOTHING}) and returns the ids that were stored; an id missing from the
     * answer was refused by a key (the id is used at another position).
     */
    private static Set<String> insertEvents(Connection c, String terminalId, List<Fresh> fresh) throws SQLException {
        Set<String> inserted = new HashSet<>();
        if (fresh.isEmpty()) {
            return inserted;
        }
        if (fresh.size() >= copyFrom && copyEvents(c, terminalId, fresh)) {
            for (Fresh f : fresh) {
                inserted.add(f.event().eventId());
            }
            return inserted;
        }
        int n = fresh.size();
        String[] ids = new String[n], seqs = new String[n], prevHashes = new String[n], hashes = new String[n], types = new String[n],
                versions = new String[n], days = new String[n], occurred = new String[n], payloads = new String[n],
                payloadHashes = new String[n], statuses = new String[n], reasons = new String[n];
        for (int i = 0; i < n; i++) {
            Fresh f = fresh.get(i);
            WireEvent e = f.event();
            ids[i] = e.eventId();
            seqs[i] = Long.toString(e.seq());
            prevHashes[i] = e.prevHash();
            hashes[i] = e.hash();
            types[i] = e.type();
            versions[i] = Integer.toString(e.schemaVersion());
            days[i] = e.businessDay().toString();
            occurred[i] = e.occurredAt().toString();
            payloads[i] = storable(e.payload());
            payloadHashes[i] = f.payloadHash();
            statuses[i] = f.reason() == null ? "APPLIED" : "QUARANTINED";
            reasons[i] = f.reason();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into event (event_id, terminal_id, seq, prev_hash, hash, type, "
                + "schema_version, business_day, occurred_at, payload, payload_hash, status, quarantine_reason) "
                + "select u.id::uuid, ?, u.seq::bigint, u.prev, u.hash, u.type, u.ver::int, u.day::date, u.at::timestamptz, u.payload, "
                + "u.phash, u.status, u.reason from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as u(id, seq, prev, hash, type, ver, day, at, payload, phash, "
                + "status, reason) on conflict do nothing returning event_id::text")) {
            ps.setString(1, terminalId);
            String[][] columns = {ids, seqs, prevHashes, hashes, types, versions, days, occurred, payloads, payloadHashes, statuses, reasons};
            for (int i = 0; i < columns.length; i++) {
                ps.setArray(i + 2, c.createArrayOf("text", columns[i]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return inserted;
    }

    /**
     * The common case of {@link #insertEvents}, cheaper for PostgreSQL and for HQ (decision 0209): the
     * batch's new positions in one {@code COPY}, behind a savepoint. A copy has no {@code ON CONFLICT}:
     * if any key refuses a row (an event id used at another position) or a value is refused, nothing
     * of the copy is kept and the answer is false, and the {@code unnest} statement decides row by row
     * as before. True = every row stored.
     */
    private static boolean copyEvents(Connection c, String terminalId, List<Fresh> fresh) throws SQLException {
        CopyRows rows = new CopyRows();
        for (Fresh f : fresh) {
            WireEvent e = f.event();
            rows.add(e.eventId()).add(terminalId).add(Long.toString(e.seq())).add(e.prevHash()).add(e.hash()).add(e.type())
                    .add(Integer.toString(e.schemaVersion())).add(e.businessDay().toString()).add(e.occurredAt().toString())
                    .add(storable(e.payload())).add(f.payloadHash()).add(f.reason() == null ? "APPLIED" : "QUARANTINED")
                    .add(f.reason());
            rows.endRow();
        }
        if (!rows.copyable()) {
            return false;
        }
        return CopyRows.tryBehindSavepoint(c, () -> rows.copyInto(c, "event (event_id, terminal_id, seq, prev_hash, hash, type, "
                + "schema_version, business_day, occurred_at, payload, payload_hash, status, quarantine_reason)"));
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
