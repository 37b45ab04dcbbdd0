package io.branchpos.hardware.printer;

import java.time.Instant;
import java.util.Objects;

/**
 * One receipt (or report) to print, as journaled: the exact bytes, and how far printing got.
 *
 * @param id          unique job id (the desktop may use the sale id plus a suffix)
 * @param description what the cashier sees in the queue, e.g. "Receipt 0042-000123"
 * @param payload     the ESC/POS bytes, fixed when the job is created
 * @param copy        whether this job is a reprint (its payload carries the COPY marker)
 * @param state       where the job stands
 * @param attempts    how many times sending was started
 * @param lastError   why the last attempt failed, in words for the cashier; empty when none
 * @param uncertain   an attempt failed after bytes had left: part of the receipt may have come out
 */
public record PrintJob(String id, String description, byte[] payload, boolean copy, State state, int attempts,
                       String lastError, boolean uncertain, Instant createdAt, Instant updatedAt) {

    /** Job state. */
    public enum State {
        /** Stored, not yet sent. */
        QUEUED,
        /** An attempt has started (if the app dies now, the job is found in this state and is retried). */
        SENDING,
        /** The printer confirmed it (or a one-way link took every byte). Never sent again. */
        PRINTED,
        /** The last attempt failed; stays in the queue with {@link #lastError()}. */
        FAILED
    }

    public PrintJob {
        Objects.requireNonNull(id);
        Objects.requireNonNull(payload);
        lastError = lastError == null ? "" : lastError;
    }

    public boolean isPending() {
        return state != State.PRINTED;
    }

    PrintJob with(State newState, int newAttempts, String error, boolean newUncertain, Instant at) {
        return new PrintJob(id, description, payload, copy, newState, newAttempts, error, newUncertain, createdAt, at);
    }

    /** The 0–9999 id sent with an attempt so that the confirmation can be matched to it. */
    int processId() {
        return Math.floorMod(id.hashCode() * 31 + attempts, 10000);
    }
}
