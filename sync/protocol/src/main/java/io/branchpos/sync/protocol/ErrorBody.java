package io.branchpos.sync.protocol;

/**
 * Every non-2xx answer: a stable machine code and a message a person can act on. Conflict answers
 * (409 {@code EVENT_CONFLICT}, {@code TERMINAL_BLOCKED}) also carry the acknowledgement of what was stored.
 */
public record ErrorBody(String code, String message, BatchAck ack) {
    public static ErrorBody of(String code, String message) {
        return new ErrorBody(code, message, null);
    }
}
