package io.branchpos.store.auth;

import io.branchpos.domain.auth.LockoutPolicy;
import io.branchpos.domain.auth.Pin;
import io.branchpos.domain.auth.Role;
import io.branchpos.domain.auth.SignInResult;
import io.branchpos.domain.auth.User;
import io.branchpos.store.LocalStore;
import io.branchpos.store.WriteContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Till users and PIN checks. The failure count and the lock are stored, so restarting the app
 * does not reset a lockout. A wrong user code and a wrong PIN look the same to the caller.
 */
public final class UserRepository {
    private final LocalStore store;
    private final PinHasher hasher;
    private final LockoutPolicy lockout;

    public UserRepository(LocalStore store, PinHasher hasher, LockoutPolicy lockout) {
        this.store = store;
        this.hasher = hasher;
        this.lockout = lockout;
    }

    public LockoutPolicy lockout() {
        return lockout;
    }

    /** Creates a user inside the caller's transaction (the PIN is hashed here; slow by design). */
    public void create(WriteContext ctx, User user, String pin) {
        if (!Pin.isWellFormed(pin)) {
            throw new IllegalArgumentException("a PIN has " + Pin.MIN_LENGTH + " to " + Pin.MAX_LENGTH + " digits");
        }
        ctx.session().createNativeMutationQuery("INSERT INTO app_user(user_id, code, name, role, pin_hash)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, user.id()).setParameter(2, user.code()).setParameter(3, user.name())
                .setParameter(4, user.role().name()).setParameter(5, hasher.hash(pin)).executeUpdate();
    }

    public long count() {
        return store.jdbc(c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM app_user")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public List<User> all() {
        return store.jdbc(c -> {
            List<User> out = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT user_id, code, name, role FROM app_user WHERE active ORDER BY code")) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        });
    }

    public Optional<User> findById(String userId) {
        return store.jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT user_id, code, name, role FROM app_user WHERE user_id = ? AND active")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    private record Row(User user, String pinHash, int failures, Instant lockedUntil) {
    }

    /**
     * Checks {@code pin} for the user with {@code code}; counts failures and locks per
     * {@link LockoutPolicy}. Slow (PBKDF2): never call it on the UI thread.
     */
    public SignInResult signIn(String code, String pin) {
        return store.write(ctx -> {
            Instant now = ctx.now();
            // plain JDBC on the transaction's connection: a cashier signs in without waiting for
            // Hibernate's bootstrap at start (decision 0016)
            Row row = lockedRow(ctx.connection(), code);
            if (row == null) {
                // Same answer as a wrong PIN: the screen must not reveal which user codes exist.
                return new SignInResult.Rejected(lockout.maxFailures());
            }
            if (row.lockedUntil() != null && now.isBefore(row.lockedUntil())) {
                return new SignInResult.Locked(row.lockedUntil());
            }
            int failures = row.lockedUntil() != null ? 0 : row.failures();
            if (pin != null && PinHasher.matches(pin, row.pinHash())) {
                update(ctx, row.user().id(), 0, null);
                return new SignInResult.Accepted(row.user());
            }
            int now1 = failures + 1;
            Optional<Instant> lock = lockout.lockAfter(now1, now);
            update(ctx, row.user().id(), lock.isPresent() ? 0 : now1, lock.orElse(null));
            return lock.<SignInResult>map(SignInResult.Locked::new)
                    .orElseGet(() -> new SignInResult.Rejected(lockout.attemptsLeft(now1)));
        });
    }

    private static Row lockedRow(java.sql.Connection c, String code) {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, code, name, role, pin_hash,"
                + " failed_attempts, locked_until FROM app_user WHERE code = ? AND active FOR UPDATE")) {
            ps.setString(1, code == null ? "" : code.trim());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Timestamp locked = rs.getTimestamp(7);
                return new Row(map(rs), rs.getString(5), rs.getInt(6), locked == null ? null : locked.toInstant());
            }
        } catch (java.sql.SQLException e) {
            throw new io.branchpos.store.StoreException("cannot read the user: " + e.getMessage(), e);
        }
    }

    private static void update(WriteContext ctx, String userId, int failures, Instant lockedUntil) {
        try (PreparedStatement ps = ctx.connection().prepareStatement(
                "UPDATE app_user SET failed_attempts = ?, locked_until = ? WHERE user_id = ?")) {
            ps.setInt(1, failures);
            ps.setTimestamp(2, lockedUntil == null ? null : Timestamp.from(lockedUntil));
            ps.setString(3, userId);
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new io.branchpos.store.StoreException("cannot update the user: " + e.getMessage(), e);
        }
    }

    private static User map(ResultSet rs) throws java.sql.SQLException {
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)));
    }
}
