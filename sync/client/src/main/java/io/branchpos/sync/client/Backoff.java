package io.branchpos.sync.client;

import java.time.Duration;
import java.util.Random;

/** Exponential backoff with "equal jitter": half the window fixed, half random, capped. */
final class Backoff {
    private final Duration base;
    private final Duration max;
    private final Random random;
    private int failures;

    Backoff(Duration base, Duration max, Random random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt after one more failure, at least {@code atLeast} (Retry-After). */
    Duration next(Duration atLeast) {
        failures = Math.min(failures + 1, 30);
        long window = Math.min(max.toMillis(), base.toMillis() << Math.min(failures - 1, 20));
        long half = Math.max(1, window / 2);
        long delay = half + (long) (random.nextDouble() * half);
        return Duration.ofMillis(Math.max(delay, atLeast.toMillis()));
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
