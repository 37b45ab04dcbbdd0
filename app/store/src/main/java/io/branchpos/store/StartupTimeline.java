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

    private StartupTimeline() {
    }

    /** Logs that {@code phase} ended now. */
    public static void mark(String phase) {
        if (log.isInfoEnabled()) {
            log.info("start: {} at {} ms [{}, {} ms CPU so far]", phase, ManagementFactory.getRuntimeMXBean().getUptime(),
                    Thread.currentThread().getName(),
                    ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000);
        }
    }
}
