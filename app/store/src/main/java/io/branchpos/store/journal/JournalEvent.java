package io.branchpos.store.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One immutable journal entry, as stored and as sent to HQ (see decision 0004). */
public record JournalEvent(
        UUID eventId,
        String terminalId,
        long seq,
        String prevHash,
        String hash,
        String type,
        int schemaVersion,
        LocalDate businessDay,
        Instant occurredAt,
        String payload,
        Instant syncedAt) {
}
