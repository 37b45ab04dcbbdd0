package io.branchpos.hardware.fake;

import io.branchpos.hardware.DeviceOutcome;
import io.branchpos.hardware.drawer.CashDrawer;
import io.branchpos.hardware.printer.PrinterStatus.DrawerState;

/** A drawer that opens when kicked and closes when the test says so. */
public final class FakeCashDrawer implements CashDrawer {

    private boolean open;
    private int kicks;
    private boolean available = true;

    @Override
    public synchronized boolean isAvailable() {
        return available;
    }

    public synchronized void setAvailable(boolean value) {
        available = value;
    }

    @Override
    public synchronized DeviceOutcome open() {
        if (!available) {
            return DeviceOutcome.failed("Cash drawer did not open — open it with the key if needed");
        }
        kicks++;
        open = true;
        return DeviceOutcome.done();
    }

    /** The cashier pushes the drawer shut. */
    public synchronized void close() {
        open = false;
    }

    @Override
    public synchronized DrawerState state() {
        return open ? DrawerState.OPEN : DrawerState.CLOSED;
    }

    public synchronized int kicks() {
        return kicks;
    }
}
