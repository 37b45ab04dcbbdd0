package io.branchpos.sync.client;

import io.branchpos.sync.protocol.FeedPage;
import io.branchpos.sync.protocol.FeedSnapshot;

/**
 * Where the terminal keeps HQ's catalog: the one port between {@link FeedPuller} and the store.
 * Called only from the puller's thread.
 */
public interface CatalogSink {

    /** The cursor of the last applied page ({@link FeedPage#START} when nothing was applied). */
    String cursor();

    /**
     * Applies {@code page}, fetched after {@code after}, together with {@code page.nextCursor()} in one
     * local transaction — all of it or nothing. Throws {@link RefusedPageException} when the page
     * must not be applied (e.g. it would wipe most of the catalog); the puller stops and reports it.
     */
    void apply(String after, FeedPage page);

    /**
     * True when this terminal would rather start from a snapshot of the feed than pull it from
     * {@link FeedPage#START} page by page (a new terminal, or one whose snapshot load was cut off;
     * decision 0258). Default: never.
     */
    default boolean wantsSnapshot() {
        return false;
    }

    /**
     * Loads {@code snapshot} as it streams in and stores its cursor, so that {@link #cursor()} is
     * {@code snapshot.cursor()} afterwards; the feed is then pulled from there. If the stream breaks
     * or the terminal stops halfway, nothing is marked complete and {@link #wantsSnapshot()} stays
     * true, so the next pull starts the snapshot again from scratch. Returns the changes loaded.
     */
    default long loadSnapshot(FeedSnapshot.Reader snapshot) {
        throw new UnsupportedOperationException("this catalog sink loads no snapshots");
    }

    /** Thrown by {@link #apply} for a page the terminal will not apply as it is. */
    final class RefusedPageException extends RuntimeException {
        public RefusedPageException(String message) {
            super(message);
        }
    }
}
