package io.branchpos.sync.protocol;

/** An event the server kept aside (with its reason) instead of applying it; it counts as acknowledged. */
public record QuarantinedEvent(String eventId, long seq, String reason) {
}
