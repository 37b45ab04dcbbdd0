package io.branchpos.desktop.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.store.feed.FeedState;
import io.branchpos.sync.client.FeedStatus;
import org.junit.jupiter.api.Test;

class BootstrapProgressTest {
    static FeedStatus status(FeedStatus.State s, String error) {
        return new FeedStatus(s, 0, 0, false, error, null);
    }

    @Test
    void showsHowFarTheDownloadIsAndThatSellingWaitsForIt() {
        BootstrapProgress p = BootstrapProgress.of(new FeedState("1.2", false, 50_000, 150_000), status(FeedStatus.State.PULLING, null));
        assertThat(p.fraction()).isEqualTo(0.25);
        assertThat(p.done()).isFalse();
        assertThat(p.message()).contains("50,000 of about 200,000").contains("Selling starts when it is complete");
    }

    @Test
    void offlineDuringBootstrapSaysItWaitsAndKeepsWhatItHas() {
        BootstrapProgress p = BootstrapProgress.of(new FeedState("1.2", false, 500, 1_500), status(FeedStatus.State.OFFLINE, "connection refused"));
        assertThat(p.message()).startsWith("Waiting for HQ (connection refused)").contains("kept across restarts");
    }

    @Test
    void aSnapshotStreamingInMovesTheBarByTheLinesReadOfHqsTotal() {
        // the store counts nothing until the snapshot's last transaction; the puller counts the lines read
        FeedState loading = new FeedState("0", false, 0, 0);
        BootstrapProgress p = BootstrapProgress.of(loading, new FeedStatus(FeedStatus.State.PULLING, 100_000, 300_000, false, null, null));
        assertThat(p.fraction()).isEqualTo(0.25);
        assertThat(p.message()).contains("100,000 of about 400,000 changes");
        BootstrapProgress later = BootstrapProgress.of(loading, new FeedStatus(FeedStatus.State.PULLING, 300_000, 100_000, false, null, null));
        assertThat(later.fraction()).isEqualTo(0.75);
        assertThat(later.done()).isFalse();
    }

    @Test
    void aSnapshotFromAnHqThatSendsNoTotalShowsAnIndeterminateBar() {
        BootstrapProgress p = BootstrapProgress.of(new FeedState("0", false, 0, 0), status(FeedStatus.State.PULLING, null));
        assertThat(p.fraction()).isNegative();
        assertThat(p.message()).contains("starting");
    }

    @Test
    void aCompleteCatalogIsDone() {
        assertThat(BootstrapProgress.of(new FeedState("9.9", true, 10, 0), status(FeedStatus.State.UP_TO_DATE, null)).done()).isTrue();
    }
}
