package io.branchpos.sync.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Immutable snapshot of the sync state for the status bar and diagnostics. A new snapshot is
 * published to listeners whenever something changes. The oldest pending event is given as an
 * instant so the status bar can show its age ticking ({@link #oldestPendingAge(Instant)}) between
 * snapshots.
 */
public record SyncStatus(State state, long pendingCount, Instant oldestPendingOccurredAt, String lastError,
                         Instant lastSuccessAt, Instant at) {

    /** What the terminal is doing about sync. */
    public enum State {
        /** Not started yet. */
        STARTING,
        /** No credential and no (valid) enrollment code: IT must enrol the terminal. */
        NEEDS_ENROLLMENT,
        /** Uploading. */
        SYNCING,
        /** HQ reachable and everything acknowledged. */
        UP_TO_DATE,
        /** HQ not reachable (or answering 5xx); retrying with backoff. */
        OFFLINE,
        /** HQ refused a batch as invalid; retrying slowly, needs a look. */
        ERROR,
        /** HQ blocked this terminal's stream; nothing is lost, HQ must investigate. */
        BLOCKED,
        /** This version is too old for HQ; the queue is kept until the upgrade. */
        UPGRADE_REQUIRED
    }

    public boolean online() {
        return state == State.SYNCING || state == State.UP_TO_DATE;
    }

    /** Age of the oldest unacknowledged event when this snapshot was taken. */
    public Optional<Duration> oldestPending() {
        return oldestPendingAge(at);
    }

    /** Age of the oldest unacknowledged event at {@code now} (e.g. the status bar's clock tick). */
    public Optional<Duration> oldestPendingAge(Instant now) {
        if (oldestPendingOccurredAt == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(oldestPendingOccurredAt, now);
        return Optional.of(age.isNegative() ? Duration.ZERO : age);
    }

    public Optional<String> error() {
        return Optional.ofNullable(lastError);
    }
}
