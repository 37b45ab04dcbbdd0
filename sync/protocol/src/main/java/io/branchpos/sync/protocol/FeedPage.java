package io.branchpos.sync.protocol;

import java.util.List;

/**
 * One page of a branch's catalog feed. {@code nextCursor} is opaque to the terminal: it stores it
 * together with the applied page (in one local transaction) and sends it back as {@code after}.
 * {@code hasMore} says another page is ready now; {@code remaining} estimates how many changes are
 * still ready after this page (the bootstrap progress bar).
 */
public record FeedPage(String nextCursor, boolean hasMore, long remaining, List<FeedChange> changes) {
    public FeedPage {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** The cursor of a terminal that has applied nothing yet. */
    public static final String START = "0";
}
