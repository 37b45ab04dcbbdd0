package io.branchpos.sync.protocol;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One journal event on the wire (decision 0004). The payload is the journal's JSON text, carried
 * as a JSON string and never re-serialised, so its hash survives the trip byte for byte.
 */
public record WireEvent(String eventId, long seq, String prevHash, String hash, String type, int schemaVersion,
                        Instant occurredAt, LocalDate businessDay, String payload) {
}
