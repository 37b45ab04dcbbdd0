package io.branchpos.sync.client;

import java.time.Instant;

/**
 * Immutable snapshot of the catalog feed on this terminal. {@code applied}/{@code remaining} drive
 * the bootstrap progress bar; {@code pushConnected} says whether HQ's "new data" channel is open.
 */
public record FeedStatus(State state, long appliedThisRun, long remaining, boolean pushConnected, String lastError,
                         Instant lastPullAt) {

    public enum State { STARTING, PULLING, UP_TO_DATE, OFFLINE, REFUSED, NEEDS_ENROLLMENT }

    static FeedStatus starting() {
        return new FeedStatus(State.STARTING, 0, 0, false, null, null);
    }

    FeedStatus with(State s) {
        return new FeedStatus(s, appliedThisRun, remaining, pushConnected, lastError, lastPullAt);
    }
}
