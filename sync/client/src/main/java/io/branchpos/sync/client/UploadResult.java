package io.branchpos.sync.client;

import io.branchpos.sync.protocol.BatchAck;
import java.time.Duration;

/** What HQ answered to one batch, as the engine needs to act on it. */
public sealed interface UploadResult {

    /** 200, or 409 EVENT_CONFLICT (conflict = true): everything up to the ack is stored at HQ. */
    record Acknowledged(BatchAck ack, boolean conflict) implements UploadResult {
    }

    /** 409 TERMINAL_BLOCKED: HQ stopped this terminal's stream (sequence regression, broken chain). */
    record Blocked(String message, BatchAck ack) implements UploadResult {
    }

    /** 401: the credential is not (or no longer) valid. */
    record Unauthorized(String message) implements UploadResult {
    }

    /** 426: this client's protocol is too old; the queue is kept until the upgrade. */
    record UpgradeRequired(String message) implements UploadResult {
    }

    /** 429/5xx: try again later, not before {@code retryAfter} when HQ said so. */
    record RetryLater(Duration retryAfter, String message) implements UploadResult {
    }

    /** Other 4xx: HQ refused the batch itself (too large, invalid). */
    record Rejected(int status, String code, String message) implements UploadResult {
    }
}
