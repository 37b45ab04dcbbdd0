package io.branchpos.sync.server.metrics;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters and the ingest latency histogram of this server instance, rendered in Prometheus text format. */
public final class Metrics {

    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final AtomicLong batchesAccepted = new AtomicLong();
    private final AtomicLong batchesConflict = new AtomicLong();
    private final AtomicLong batchesBlocked = new AtomicLong();
    private final AtomicLong batchesRejected = new AtomicLong();
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong resendRequests = new AtomicLong();
    private final AtomicLongArray bucketCounts = new AtomicLongArray(BUCKETS.length);
    private final AtomicLong latencyCount = new AtomicLong();
    private final AtomicLong latencyMicrosSum = new AtomicLong();

    public void batchAccepted() {
        batchesAccepted.incrementAndGet();
    }

    public void batchConflict() {
        batchesConflict.incrementAndGet();
    }

    public void batchBlocked() {
        batchesBlocked.incrementAndGet();
    }

    public void batchRejected() {
        batchesRejected.incrementAndGet();
    }

    public void events(int applied, int dup, int quarantinedCount, boolean resend) {
        eventsApplied.addAndGet(applied);
        duplicates.addAndGet(dup);
        quarantined.addAndGet(quarantinedCount);
        if (resend) {
            resendRequests.incrementAndGet();
        }
    }

    public void ingestLatency(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                bucketCounts.incrementAndGet(i);
            }
        }
        latencyCount.incrementAndGet();
        latencyMicrosSum.addAndGet(nanos / 1000);
    }

    public String render() {
        StringBuilder out = new StringBuilder(2048);
        out.append("# HELP branchpos_sync_batches_total Batches received, by outcome.\n");
        out.append("# TYPE branchpos_sync_batches_total counter\n");
        line(out, "branchpos_sync_batches_total{outcome=\"accepted\"}", batchesAccepted.get());
        line(out, "branchpos_sync_batches_total{outcome=\"conflict\"}", batchesConflict.get());
        line(out, "branchpos_sync_batches_total{outcome=\"blocked\"}", batchesBlocked.get());
        line(out, "branchpos_sync_batches_total{outcome=\"rejected\"}", batchesRejected.get());
        counter(out, "branchpos_sync_events_applied_total", "Journal events applied to the ledger.", eventsApplied.get());
        counter(out, "branchpos_sync_duplicates_total", "Events received again and ignored (already stored).", duplicates.get());
        counter(out, "branchpos_sync_quarantined_total", "Events quarantined or conflicting copies kept aside.", quarantined.get());
        counter(out, "branchpos_sync_resend_requests_total", "Batches answered with resendFrom (a gap).", resendRequests.get());
        out.append("# HELP branchpos_sync_ingest_seconds Time to ingest one batch, transaction included.\n");
        out.append("# TYPE branchpos_sync_ingest_seconds histogram\n");
        for (int i = 0; i < BUCKETS.length; i++) {
            line(out, "branchpos_sync_ingest_seconds_bucket{le=\"" + BUCKETS[i] + "\"}", bucketCounts.get(i));
        }
        line(out, "branchpos_sync_ingest_seconds_bucket{le=\"+Inf\"}", latencyCount.get());
        out.append("branchpos_sync_ingest_seconds_sum ")
                .append(String.format(Locale.ROOT, "%.6f", latencyMicrosSum.get() / 1e6)).append('\n');
        line(out, "branchpos_sync_ingest_seconds_count", latencyCount.get());
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        line(out, name, value);
    }

    private static void line(StringBuilder out, String name, long value) {
        out.append(name).append(' ').append(value).append('\n');
    }
}
