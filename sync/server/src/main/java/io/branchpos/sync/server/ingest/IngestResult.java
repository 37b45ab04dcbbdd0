package io.branchpos.sync.server.ingest;

import io.branchpos.sync.protocol.BatchAck;

/**
 * What one batch did. {@code outcome} decides the HTTP answer: ACCEPTED → 200 with the ack;
 * CONFLICT → 409 EVENT_CONFLICT with the ack (the conflicting copy is quarantined, the rest flowed);
 * BLOCKED → 409 TERMINAL_BLOCKED (with the ack of what was stored before the stop).
 */
public record IngestResult(Outcome outcome, BatchAck ack, String message) {

    public enum Outcome { ACCEPTED, CONFLICT, BLOCKED }
}
