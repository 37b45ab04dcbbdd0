package io.branchpos.desktop.devices;

import io.branchpos.hardware.DeviceOutcome;
import java.util.List;

/**
 * What the Devices screen can do with the terminal's devices. Every method may block on a
 * device (up to its timeout): call from a worker thread. None throws.
 */
public interface DeviceBench {

    /** The kinds of device a till has; each row of the Devices screen is one. */
    enum Kind { PRINTER, DRAWER, DISPLAY, SCALE, SCANNER }

    /** One device's state as the screen shows it. */
    record Check(Kind kind, String name, boolean ok, String state) {
    }

    /** A receipt that did not come out, still queued, with the printer's reason. */
    record QueuedJob(String id, String description, String reason) {
    }

    List<Check> check();

    /** The test of one device: test print, drawer kick, display text, weigh. */
    DeviceOutcome test(Kind kind);

    List<QueuedJob> queuedJobs();

    /** Sends the queued receipts again (the print journal makes sure none comes out twice). */
    DeviceOutcome retryQueued();
}
