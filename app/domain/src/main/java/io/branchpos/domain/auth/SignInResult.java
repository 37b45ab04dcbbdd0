package io.branchpos.domain.auth;

import java.time.Instant;

/** The outcome of a PIN check. */
public sealed interface SignInResult {
    /** Right PIN. */
    record Accepted(User user) implements SignInResult {
    }

    /** Wrong PIN (or no such user — the two are not told apart); {@code attemptsLeft} before a lock. */
    record Rejected(int attemptsLeft) implements SignInResult {
    }

    /** Too many wrong PINs; nothing is checked until {@code until}. */
    record Locked(Instant until) implements SignInResult {
    }
}
