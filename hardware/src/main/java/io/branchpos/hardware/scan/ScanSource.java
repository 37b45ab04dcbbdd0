package io.branchpos.hardware.scan;

import java.util.function.Consumer;

/** Something that produces scans (a serial scanner; the desktop's keyboard wedge adapter). */
public interface ScanSource extends AutoCloseable {

    /** Whether the scanner can be reached. Never throws. */
    boolean isAvailable();

    /**
     * Starts delivering scans to {@code listener}, on the source's own thread: hand them to the FX thread before
     * touching UI. The listener must not throw.
     */
    void start(Consumer<ScannedCode> listener);

    /** Stops delivering; never throws. */
    @Override
    void close();
}
