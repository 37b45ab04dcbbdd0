package io.branchpos.domain.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * After {@code maxFailures} wrong PINs in a row a user is locked for {@code lockFor}; a correct
 * PIN resets the count. Guessing a 4-digit PIN then takes days instead of minutes.
 */
public record LockoutPolicy(int maxFailures, Duration lockFor) {
    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, Duration.ofMinutes(5));

    public LockoutPolicy {
        Objects.requireNonNull(lockFor, "lockFor");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
    }

    /** The lock that follows a wrong PIN which brought the count to {@code failuresNow}, if any. */
    public Optional<Instant> lockAfter(int failuresNow, Instant now) {
        return failuresNow >= maxFailures ? Optional.of(now.plus(lockFor)) : Optional.empty();
    }

    public int attemptsLeft(int failuresNow) {
        return Math.max(0, maxFailures - failuresNow);
    }
}
