package io.branchpos.sync.protocol;

/** Stable error codes of {@link ErrorBody}. */
public final class ErrorCodes {
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String UPGRADE_REQUIRED = "UPGRADE_REQUIRED";
    public static final String EVENT_CONFLICT = "EVENT_CONFLICT";
    public static final String TERMINAL_BLOCKED = "TERMINAL_BLOCKED";
    public static final String ENROLLMENT_CODE_INVALID = "ENROLLMENT_CODE_INVALID";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    public static final String INTERNAL = "INTERNAL";
    /** Operator API: a quarantined event cannot be replayed (a conflicting copy) or still fails its checks; nothing changed. */
    public static final String REPLAY_REFUSED = "REPLAY_REFUSED";

    private ErrorCodes() {
    }
}
