package io.branchpos.store.feed;

/**
 * Where the terminal is in HQ's feed. {@code complete}: the first full pass has ended, the catalog
 * is whole and the till may sell. {@code remaining}: HQ's estimate of what is still to come.
 */
public record FeedState(String cursor, boolean complete, long applied, long remaining) {

    /** Bootstrap progress 0..1 (1 once complete). */
    public double progress() {
        if (complete) {
            return 1.0;
        }
        long total = applied + remaining;
        return total == 0 ? 0.0 : (double) applied / total;
    }
}
