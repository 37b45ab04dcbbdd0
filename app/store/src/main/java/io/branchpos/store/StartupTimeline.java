package io.branchpos.store;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks of the start-up phases in the log ("start: H2 open at 812 ms"), in milliseconds since the
 * JVM started, so a slow start can be read off any terminal's log (docs/benchmarks.md, target 5).
 */
public final class StartupTimeline {
    private static final Logger log = LoggerFactory.getLogger(StartupTimeline.class);
    /** The phases marked so far in this JVM (a few dozen strings at most). */
    private static final java.util.Set<String> reached = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private StartupTimeline() {
    }

    /** Logs that {@code phase} ended now. */
    public static void mark(String phase) {
        reached.add(phase);
        if (log.isInfoEnabled()) {
            log.info("start: {} at {} ms [{}, {} ms CPU so far]", phase, ManagementFactory.getRuntimeMXBean().getUptime(),
                    Thread.currentThread().getName(),
                    ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000);
        }
    }

    /** Whether {@code phase} was marked in this JVM (the benchmark's probe waits for the start's deferred work). */
    public static boolean reached(String phase) {
        return reached.contains(phase);
    }
}
