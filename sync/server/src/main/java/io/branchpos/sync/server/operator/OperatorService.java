package io.branchpos.sync.server.operator;

import io.branchpos.sync.server.auth.TerminalRegistry;
import io.branchpos.sync.server.catalog.CatalogService;
import io.branchpos.sync.server.ingest.IngestService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What an HQ operator sees and does. Every action checks the operator's role and writes an audit
 * row (who, what, when, why, outcome) — also when it is denied or fails.
 */
public final class OperatorService {

    /** Roles, each including what the one before may do. */
    public enum Role { VIEWER, SUPPORT, ADMIN }

    public record Operator(String username, Set<Role> roles) {
        public boolean may(Role needed) {
            return roles.stream().anyMatch(r -> r.ordinal() >= needed.ordinal());
        }
    }

    public record TerminalState(String terminalId, String branchId, Instant lastContact, long acknowledgedSeq, boolean blocked,
                                String blockedReason, long quarantined, boolean enrolled) {
    }

    public record QuarantinedEvent(long quarantineId, String terminalId, long seq, String eventId, String kind, String type,
                                   String reason, String payload, Instant createdAt) {
    }

    public record AuditEntry(long id, Instant at, String operator, String action, String target, String reason, String outcome) {
    }

    /** The operator lacks the role for an action (already audited as DENIED). */
    public static final class PermissionDeniedException extends RuntimeException {
        public PermissionDeniedException(String message) {
            super(message);
        }
    }

    private final DataSource dataSource;
    private final TerminalRegistry registry;
    private final PasswordHasher hasher;
    private final IngestService ingest;

    public OperatorService(DataSource dataSource, TerminalRegistry registry, PasswordHasher hasher, IngestService ingest) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.hasher = hasher;
        this.ingest = ingest;
    }

    public void createOperator(String username, String password, Set<Role> roles) throws SQLException {
        if (password.length() < 10) {
            throw new IllegalArgumentException("an operator password has at least 10 characters");
        }
        exec("insert into operator (username, password_hash, roles) values (?, ?, ?) on conflict (username) do update "
                + "set password_hash = excluded.password_hash, roles = excluded.roles", username, hasher.hash(password),
                roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
    }

    public Optional<Operator> authenticate(String username, String password) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select password_hash, roles from operator where username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !hasher.matches(password, rs.getString(1))) {
                    return Optional.empty();
                }
                Set<Role> roles = EnumSet.noneOf(Role.class);
                Arrays.stream(rs.getString(2).split(",")).filter(s -> !s.isBlank())
                        .forEach(r -> roles.add(Role.valueOf(r.trim().toUpperCase(Locale.ROOT))));
                return Optional.of(new Operator(username, roles));
            }
        }
    }

    public List<TerminalState> terminals() throws SQLException {
        List<TerminalState> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select t.terminal_id, t.branch_id, t.last_seen_at, t.high_water_seq, t.blocked, t.blocked_reason, "
                        + "(select count(*) from quarantine q where q.terminal_id = t.terminal_id and q.resolved_at is null), "
                        + "t.token_hash is not null from terminal t order by t.branch_id, t.terminal_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp seen = rs.getTimestamp(3);
                out.add(new TerminalState(rs.getString(1), rs.getString(2), seen == null ? null : seen.toInstant(), rs.getLong(4),
                        rs.getBoolean(5), rs.getString(6), rs.getLong(7), rs.getBoolean(8)));
            }
        }
        return out;
    }

    public List<QuarantinedEvent> quarantined() throws SQLException {
        List<QuarantinedEvent> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select quarantine_id, terminal_id, seq, event_id::text, kind, type, reason, payload, created_at from quarantine "
                        + "where resolved_at is null order by created_at, quarantine_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new QuarantinedEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant()));
            }
        }
        return out;
    }

    /** A Z report and what HQ made of it (null status: not checked yet). */
    public record DayCloseState(String terminalId, int zNumber, String businessDay, String status, String detail) {
    }

    public List<DayCloseState> dayCloses(int limit) throws SQLException {
        List<DayCloseState> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select d.terminal_id, d.z_number, d.business_day::text, r.status, r.detail from day_close d left join day_reconciliation r "
                        + "on r.terminal_id = d.terminal_id and r.z_number = d.z_number order by d.business_day desc, d.terminal_id limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DayCloseState(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    public List<AuditEntry> audit(int limit) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select audit_id, at, operator, action, target, reason, outcome from audit_log order by audit_id desc limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    /** Lets a blocked terminal send again, after someone decided why it was blocked. SUPPORT. */
    public void release(Operator op, String terminalId, String reason) throws SQLException {
        act(op, Role.SUPPORT, "RELEASE_TERMINAL", terminalId, reason, () ->
                exec("update terminal set blocked = false, blocked_reason = null where terminal_id = ? and blocked", terminalId) == 1
                        ? "released" : "was not blocked");
    }

    /** Marks a quarantined event as dealt with (idempotent: a second time changes nothing). SUPPORT. */
    public void resolveQuarantine(Operator op, long quarantineId, String reason) throws SQLException {
        act(op, Role.SUPPORT, "RESOLVE_QUARANTINE", String.valueOf(quarantineId), reason, () ->
                exec("update quarantine set resolved_at = now(), resolution = 'RESOLVED' where quarantine_id = ? and resolved_at is null",
                        quarantineId) == 1 ? "resolved" : "already resolved");
    }

    /**
     * Re-runs a quarantined event through ingest's checks and projections and applies it if it now
     * passes (idempotent: a second replay changes nothing and says "already replayed"). SUPPORT.
     *
     * @throws IngestService.ReplayRefusedException a conflicting copy, or the event still fails (audited FAILED)
     */
    public String replayQuarantine(Operator op, long quarantineId, String reason) throws SQLException {
        String[] outcome = new String[1];
        act(op, Role.SUPPORT, "REPLAY_QUARANTINE", String.valueOf(quarantineId), reason, () -> {
            outcome[0] = ingest.replayQuarantined(quarantineId);
            return outcome[0];
        });
        return outcome[0];
    }

    /** Revokes a terminal's credential: it can neither send nor read the feed until enrolled again. ADMIN. */
    public void revoke(Operator op, String terminalId, String reason) throws SQLException {
        act(op, Role.ADMIN, "REVOKE_TERMINAL", terminalId, reason, () ->
                exec("update terminal set token_hash = null where terminal_id = ?", terminalId) == 1 ? "revoked" : "no such terminal");
    }

    /** Issues a new one-time enrollment code (returned once, never stored or audited in clear). ADMIN. */
    public String reissueEnrollmentCode(Operator op, String branchId, String terminalId, String reason) throws SQLException {
        String[] code = new String[1];
        act(op, Role.ADMIN, "REISSUE_ENROLLMENT_CODE", branchId + "/" + terminalId, reason, () -> {
            code[0] = registry.createEnrollmentCode(branchId, terminalId);
            return "issued";
        });
        return code[0];
    }

    /**
     * Confirms a mass removal: the deactivations sent since {@code since} become intended, so the
     * terminals' guard lets them pass (decision 0256). ADMIN.
     */
    public int confirmRemoval(Operator op, Instant since, String reason) throws SQLException {
        int[] marked = new int[1];
        act(op, Role.ADMIN, "CONFIRM_REMOVAL", "deactivations since " + since, reason, () -> {
            marked[0] = new CatalogService(dataSource).write(op.username(), c -> c.markDeactivationsIntended(since));
            return marked[0] + " marked intended";
        });
        return marked[0];
    }

    @FunctionalInterface
    private interface Action {
        String run() throws SQLException;
    }

    private void act(Operator op, Role needed, String action, String target, String reason, Action work) throws SQLException {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("say why (reason): it goes into the audit log");
        }
        if (!op.may(needed)) {
            audit(op.username(), action, target, reason, "DENIED", "needs role " + needed);
            throw new PermissionDeniedException(op.username() + " may not " + action.toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " (needs role " + needed + ")");
        }
        try {
            String detail = work.run();
            audit(op.username(), action, target, reason, "OK", detail);
        } catch (SQLException | RuntimeException e) {
            audit(op.username(), action, target, reason, "FAILED", String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private void audit(String operator, String action, String target, String reason, String outcome, String detail) throws SQLException {
        exec("insert into audit_log (operator, action, target, reason, outcome, detail) values (?, ?, ?, ?, ?, ?)",
                operator, action, target, reason, outcome, detail);
    }

    private int exec(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
