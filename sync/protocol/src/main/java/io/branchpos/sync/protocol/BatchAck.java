package io.branchpos.sync.protocol;

import java.util.List;

/**
 * The server's answer to a batch. Everything up to {@code acceptedThroughSeq} is stored at HQ (applied
 * or quarantined) and may be marked synced; {@code resendFrom}, when present, is the next seq the
 * server needs (a gap was seen, nothing after it was applied).
 */
public record BatchAck(long acceptedThroughSeq, int applied, int duplicates, List<QuarantinedEvent> quarantined,
                       Long resendFrom) {
    public BatchAck {
        quarantined = quarantined == null ? List.of() : List.copyOf(quarantined);
    }
}
