package io.branchpos.desktop.feed;

import io.branchpos.store.feed.FeedState;
import io.branchpos.sync.client.FeedStatus;

/** What the bootstrap window shows: a fraction for the bar and one line saying what is going on. */
public record BootstrapProgress(double fraction, String message, boolean done) {

    public static BootstrapProgress of(FeedState state, FeedStatus status) {
        if (state.complete()) {
            return new BootstrapProgress(1.0, "Catalog complete", true);
        }
        long applied = state.applied();
        long total = applied + state.remaining();
        double fraction = state.progress();
        if (total == 0 && status.state() == FeedStatus.State.PULLING && status.remaining() > 0) {
            // a snapshot streaming in (decision 0258): the store counts nothing until its last transaction,
            // the puller counts the lines read of the total HQ announced
            applied = status.appliedThisRun();
            total = applied + status.remaining();
            fraction = (double) applied / total;
        }
        String count = total > 0 ? String.format("%,d of about %,d changes", applied, total) : "starting";
        String line = switch (status.state()) {
            case OFFLINE -> "Waiting for HQ (" + (status.lastError() == null ? "no connection" : status.lastError())
                    + ") — " + count + " loaded so far, kept across restarts";
            case NEEDS_ENROLLMENT -> "This terminal is not enrolled at HQ yet — enter its enrollment code";
            case REFUSED -> "HQ's catalog was refused: " + status.lastError();
            default -> "Loading the catalog from HQ: " + count;
        };
        return new BootstrapProgress(total > 0 ? fraction : -1.0, line + ". Selling starts when it is complete.", false);
    }
}
