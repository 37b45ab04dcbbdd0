package io.branchpos.sync.protocol;

/** Protocol versions this build speaks. A request names its version; the server accepts the range. */
public final class ProtocolVersion {
    /** The version this build writes. */
    public static final int CURRENT = 1;
    /** The oldest version a server of this build still accepts; older clients are told to upgrade (426). */
    public static final int MIN_SUPPORTED = 1;
    /** Request header carrying the version on requests without a body. */
    public static final String HEADER = "BranchPOS-Protocol";

    private ProtocolVersion() {
    }
}
