package io.branchpos.hardware.drawer;

import io.branchpos.hardware.DeviceOutcome;
import io.branchpos.hardware.printer.PrinterStatus.DrawerState;

/** A cash drawer. Blocking; call from a worker thread. */
public interface CashDrawer {

    /** Whether the drawer's connection can be reached. Never throws. */
    boolean isAvailable();

    /** Kicks the drawer open. Never throws. */
    DeviceOutcome open();

    /** Open/closed where the hardware reports it, else UNKNOWN. Never throws. */
    DrawerState state();
}
