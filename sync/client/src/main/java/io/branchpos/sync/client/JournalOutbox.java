package io.branchpos.sync.client;

import io.branchpos.sync.protocol.QuarantinedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port through which the sync engine reads the terminal's journal. The store implements it
 * over its journal table; nothing else of the store is visible to sync.
 *
 * <p>Called only from the sync engine's thread. Implementations must be safe against concurrent
 * appends by the till (a sale committing while a batch is read).
 */
public interface JournalOutbox {

    /** Journal events with {@code seq >= fromSeq}, ascending by seq, at most {@code max}; synced or not. */
    List<OutboxEvent> eventsFrom(long fromSeq, int max);

    /** Highest seq HQ has acknowledged (0 when nothing is synced). */
    long syncedThroughSeq();

    /**
     * Records that HQ has stored every event up to {@code seq}. Monotonic and idempotent: a value
     * lower than the current mark is ignored. Must be durable before it returns.
     */
    void markSyncedThrough(long seq);

    /** Number of events not yet acknowledged by HQ. */
    long pendingCount();

    /** When the oldest unacknowledged event happened, if any. */
    Optional<Instant> oldestPendingOccurredAt();

    /**
     * HQ kept an event aside (invalid payload, conflicting copy) instead of applying it; it still
     * counts as synced. The store records it for the manager's quarantine screen. May be called
     * again for the same event (a resent batch): key it by event id. Default: ignore.
     */
    default void recordQuarantined(QuarantinedEvent event) {
    }
}
