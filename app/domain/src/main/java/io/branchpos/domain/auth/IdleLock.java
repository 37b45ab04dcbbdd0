package io.branchpos.domain.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Locks the till when nobody touched it for {@code idleAfter}: a cashier who walks away leaves
 * no open session. The clock is injected so tests move time instead of waiting. Not thread-safe:
 * owned by the UI thread.
 */
public final class IdleLock {
    private final Clock clock;
    private final Duration idleAfter;
    private Instant lastActivity;

    public IdleLock(Clock clock, Duration idleAfter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idleAfter = Objects.requireNonNull(idleAfter, "idleAfter");
        if (idleAfter.isNegative() || idleAfter.isZero()) {
            throw new IllegalArgumentException("idle time must be positive");
        }
        this.lastActivity = clock.instant();
    }

    /** A key press, click or scan happened. */
    public void touch() {
        lastActivity = clock.instant();
    }

    public boolean isIdle() {
        return !clock.instant().isBefore(lastActivity.plus(idleAfter));
    }

    public Duration idleAfter() {
        return idleAfter;
    }
}
