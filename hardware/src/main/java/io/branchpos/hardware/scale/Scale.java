package io.branchpos.hardware.scale;

import io.branchpos.hardware.DeviceOutcome;

/** A checkout scale. Blocking (a request takes up to its timeout); call from a worker thread. */
public interface Scale {

    /** Whether the scale's port can be opened. Never throws. */
    boolean isAvailable();

    /** Asks for the weight. Never throws: failures are {@link WeightReading.Status#UNREACHABLE} or ERROR. */
    WeightReading read();

    /** Sets zero with an empty platter. Never throws. */
    DeviceOutcome zero();

    /** Takes the current weight as tare, where the protocol allows it. Never throws. */
    DeviceOutcome tare();
}
