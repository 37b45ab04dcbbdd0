package io.branchpos.hardware.drawer;

import io.branchpos.hardware.DeviceOutcome;
import io.branchpos.hardware.escpos.EscPosWriter;
import io.branchpos.hardware.printer.PrinterStatus;
import io.branchpos.hardware.printer.PrinterStatus.DrawerState;
import io.branchpos.hardware.printer.ReceiptPrinter;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A drawer on the receipt printer's kick connector: ESC p to open, DLE EOT 1 (pin 3) for its state. */
public final class PrinterKickDrawer implements CashDrawer {

    private final ReceiptPrinter printer;
    private final int pin;
    private final AtomicInteger kicks = new AtomicInteger(5000);

    /** @param pin 0 for connector pin 2 (the usual), 1 for pin 5 (a second drawer) */
    public PrinterKickDrawer(ReceiptPrinter printer, int pin) {
        this.printer = printer;
        this.pin = pin;
    }

    @Override
    public boolean isAvailable() {
        return printer.isAvailable();
    }

    @Override
    public DeviceOutcome open() {
        // 50 ms on, 500 ms off: long enough for solenoids, short enough not to overheat them
        byte[] kick = new EscPosWriter().drawerPulse(pin, 25, 250).toByteArray();
        try {
            printer.send(kick, kicks.incrementAndGet());
            return DeviceOutcome.done();
        } catch (IOException | RuntimeException e) {
            PrinterStatus s = printer.status();
            return DeviceOutcome.failed("Cash drawer did not open — " + s.message() + "; open it with the key if needed");
        }
    }

    @Override
    public DrawerState state() {
        return printer.status().drawer();
    }
}
