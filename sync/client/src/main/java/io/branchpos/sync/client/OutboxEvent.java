package io.branchpos.sync.client;

import io.branchpos.sync.protocol.WireEvent;
import java.time.Instant;
import java.time.LocalDate;

/** One row of the terminal's journal as the sync engine sees it (columns of the store's journal table). */
public record OutboxEvent(String eventId, String terminalId, long seq, String prevHash, String hash, String type,
                          int schemaVersion, LocalDate businessDay, Instant occurredAt, String payload) {

    public WireEvent toWire() {
        return new WireEvent(eventId, seq, prevHash, hash, type, schemaVersion, occurredAt, businessDay, payload);
    }
}
