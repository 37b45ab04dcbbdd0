package io.branchpos.sync.client;

import io.branchpos.sync.protocol.FeedPage;

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

    /** Thrown by {@link #apply} for a page the terminal will not apply as it is. */
    final class RefusedPageException extends RuntimeException {
        public RefusedPageException(String message) {
            super(message);
        }
    }
}
