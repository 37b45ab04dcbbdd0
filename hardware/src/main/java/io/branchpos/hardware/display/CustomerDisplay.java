package io.branchpos.hardware.display;

import io.branchpos.hardware.DeviceOutcome;

/** A customer-facing display of a few text lines (pole display, or the desktop's on-screen one). Blocking. */
public interface CustomerDisplay {

    /** Whether the display can be reached. Never throws. */
    boolean isAvailable();

    /** Shows two lines (cut or padded to the display width). Never throws. */
    DeviceOutcome show(String line1, String line2);

    /** Blanks the display. Never throws. */
    DeviceOutcome clear();
}
