package io.branchpos.sync.server.auth;

import io.branchpos.sync.protocol.BatchValidator;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.JournalHash;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Branches, terminals and their credentials. Only SHA-256 hashes of enrollment codes and bearer
 * tokens are stored; a code is single-use and expires.
 */
public final class TerminalRegistry {

    /** An authenticated caller. */
    public record AuthenticatedTerminal(String terminalId, String branchId) {
    }

    /** How long after its first use an enrollment code may be redeemed again (lost answer). */
    public static final Duration RETRY_WINDOW = Duration.ofMinutes(10);

    private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789".toCharArray();

    private final DataSource dataSource;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration codeValidity;

    public TerminalRegistry(DataSource dataSource, Clock clock, SecureRandom random, Duration codeValidity) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.random = random;
        this.codeValidity = codeValidity;
    }

    /**
     * Creates the branch and terminal if they do not exist and issues a fresh one-time enrollment code
     * (earlier unused codes of the terminal stop working). Returns the code in clear; it is not stored.
     */
    public String createEnrollmentCode(String branchId, String terminalId) throws SQLException {
        if (!BatchValidator.isValidTerminalId(branchId) || !BatchValidator.isValidTerminalId(terminalId)) {
            throw new IllegalArgumentException("branch and terminal ids must be 1-64 letters, digits, '.', '_' or '-'");
        }
        String code = newCode();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                exec(c, "insert into branch (branch_id) values (?) on conflict do nothing", branchId);
                exec(c, "insert into terminal (terminal_id, branch_id) values (?, ?) on conflict do nothing", terminalId, branchId);
                try (PreparedStatement ps = c.prepareStatement("select branch_id from terminal where terminal_id = ?")) {
                    ps.setString(1, terminalId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getString(1).equals(branchId)) {
                            throw new IllegalArgumentException("terminal " + terminalId + " belongs to branch " + rs.getString(1));
                        }
                    }
                }
                exec(c, "delete from enrollment_code where terminal_id = ? and used_at is null", terminalId);
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into enrollment_code (code_hash, terminal_id, expires_at) values (?, ?, ?)")) {
                    ps.setString(1, hashCode(code));
                    ps.setString(2, terminalId);
                    ps.setTimestamp(3, Timestamp.from(clock.instant().plus(codeValidity)));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return code;
    }

    /**
     * Redeems a one-time code for a new bearer token. The code works for {@link #RETRY_WINDOW} after its
     * first use, so a terminal whose answer was lost can ask again; each redemption replaces the
     * previous token (decision 0203). After the window, or once expired, the code is dead.
     */
    public Optional<EnrollmentResponse> enroll(String code) throws SQLException {
        if (code == null || code.length() > 64) {
            return Optional.empty();
        }
        String token = newToken();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String terminalId;
                try (PreparedStatement ps = c.prepareStatement("update enrollment_code set used_at = coalesce(used_at, ?) "
                        + "where code_hash = ? and expires_at > ? and (used_at is null or used_at > ?) returning terminal_id")) {
                    Timestamp now = Timestamp.from(clock.instant());
                    ps.setTimestamp(1, now);
                    ps.setString(2, hashCode(code));
                    ps.setTimestamp(3, now);
                    ps.setTimestamp(4, Timestamp.from(clock.instant().minus(RETRY_WINDOW)));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return Optional.empty();
                        }
                        terminalId = rs.getString(1);
                    }
                }
                String branchId;
                try (PreparedStatement ps = c.prepareStatement("update terminal set token_hash = ?, enrolled_at = ? "
                        + "where terminal_id = ? returning branch_id")) {
                    ps.setString(1, JournalHash.sha256Hex(token));
                    ps.setTimestamp(2, Timestamp.from(clock.instant()));
                    ps.setString(3, terminalId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        branchId = rs.getString(1);
                    }
                }
                c.commit();
                return Optional.of(new EnrollmentResponse(terminalId, branchId, token));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The terminal a bearer token belongs to, if any. */
    public Optional<AuthenticatedTerminal> authenticate(String token) throws SQLException {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select terminal_id, branch_id from terminal where token_hash = ?")) {
            ps.setString(1, JournalHash.sha256Hex(token));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new AuthenticatedTerminal(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    private static String hashCode(String code) {
        return JournalHash.sha256Hex(code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT));
    }

    private String newCode() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
        }
        return sb.toString();
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "bpt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void exec(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
