package io.branchpos.sync.protocol;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One journal event on the wire (decision 0004). The payload is the journal's JSON text, carried
 * as a JSON string, or as the raw JSON object (decision 0213, {@link RawPayload}), and never
 * re-serialised, so its hash survives the trip byte for byte.
 */
public record WireEvent(String eventId, long seq, String prevHash, String hash, String type, int schemaVersion,
                        Instant occurredAt, LocalDate businessDay,
                        @JsonSerialize(using = RawPayload.Serializer.class) @JsonDeserialize(using = RawPayload.Deserializer.class)
                        String payload) {
}
