package io.branchpos.benchmarks;

import java.util.Arrays;

/**
 * Every latency of one measurement, kept exactly (no histogram buckets): percentiles are read
 * from the sorted samples, nearest-rank. Sizes here are at most a few hundred thousand.
 */
final class Samples {
    private long[] nanos = new long[1024];
    private int count;
    private boolean sorted;

    void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
        sorted = false;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /** Nearest-rank percentile in nanoseconds, {@code p} in 0..100. */
    long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        if (!sorted) {
            Arrays.sort(nanos, 0, count);
            sorted = true;
        }
        int rank = (int) Math.ceil(p / 100.0 * count);
        return nanos[Math.min(count - 1, Math.max(0, rank - 1))];
    }

    long max() {
        return percentile(100);
    }

    double meanNanos() {
        if (count == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += nanos[i];
        }
        return sum / count;
    }

    static double micros(long nanos) {
        return nanos / 1_000.0;
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
